package lockpointerfield

import (
	"strconv"
	"testing"
	"time"
)

func TestTouch(t *testing.T) {
	s := Open()
	defer s.Close()
	deadline := time.Now().Add(50 * time.Millisecond)
	for i := 0; time.Now().Before(deadline); i++ {
		s.Touch(strconv.Itoa(i % 100))
	}
}

package cleanafterfunc

import (
	"testing"
	"time"
)

func TestPenalize(t *testing.T) {
	l := NewLimiter()
	for i := 0; i < 2000; i++ {
		l.Penalize("192.0.2.1", 0)
	}
	time.Sleep(20 * time.Millisecond)
}

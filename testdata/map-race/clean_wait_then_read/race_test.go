package cleanwaitthenread

import (
	"strconv"
	"testing"
)

func TestTouch(t *testing.T) {
	ids := make([]string, 1000)
	for i := range ids {
		ids[i] = "user" + strconv.Itoa(i)
	}
	for i := 0; i < 50; i++ {
		Touch(ids)
	}
}

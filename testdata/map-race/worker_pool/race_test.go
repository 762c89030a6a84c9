package workerpool

import (
	"strconv"
	"testing"
)

func TestSizes(t *testing.T) {
	names := make([]string, 500)
	for i := range names {
		names[i] = "name" + strconv.Itoa(i)
	}
	if got := len(Sizes(names)); got != 501 {
		t.Fatalf("len = %d, want 501", got)
	}
}

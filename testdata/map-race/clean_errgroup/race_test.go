package cleanerrgroup

import (
	"strconv"
	"testing"
)

func TestSizes(t *testing.T) {
	urls := make([]string, 500)
	for i := range urls {
		urls[i] = "https://example.com/" + strconv.Itoa(i)
	}
	if got := len(Sizes(urls)); got != 500 {
		t.Fatalf("len = %d, want 500", got)
	}
}

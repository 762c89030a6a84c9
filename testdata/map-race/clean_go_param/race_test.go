package cleangoparam

import (
	"strconv"
	"testing"
)

func TestTally(t *testing.T) {
	words := make([]string, 2000)
	for i := range words {
		words[i] = "w" + strconv.Itoa(i)
	}
	if got := len(Tally(words)); got != 4001 {
		t.Fatalf("len = %d, want 4001", got)
	}
}

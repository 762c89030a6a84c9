package cleanmutex

import "testing"

func TestIndexIDs(t *testing.T) {
	if got := IndexIDs().Len(); got != 10000 {
		t.Fatalf("Len = %d, want 10000", got)
	}
}

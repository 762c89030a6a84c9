package closureloop

import "testing"

func TestIndexIDs(t *testing.T) {
	if got := len(IndexIDs()); got != 10000 {
		t.Fatalf("len = %d, want 10000", got)
	}
}

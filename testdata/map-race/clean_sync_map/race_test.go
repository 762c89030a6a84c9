package cleansyncmap

import "testing"

func TestIndexIDs(t *testing.T) {
	n := 0
	IndexIDs().Range(func(k, v any) bool { n++; return true })
	if n != 10000 {
		t.Fatalf("n = %d, want 10000", n)
	}
}

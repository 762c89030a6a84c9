package reusedbuffer

import "testing"

func TestProcess(t *testing.T) {
	frames := make([][]byte, 200)
	for i := range frames {
		frames[i] = []byte("the quick brown fox jumps over the lazy dog")
	}
	if got := Process(frames); got != 200*43 {
		t.Fatalf("total = %d, want %d", got, 200*43)
	}
}

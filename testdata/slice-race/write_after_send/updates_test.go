package writeaftersend

import "testing"

func TestCollect(t *testing.T) {
	if got := Collect(4, 50); got == 0 {
		t.Fatalf("got %d targets", got)
	}
}

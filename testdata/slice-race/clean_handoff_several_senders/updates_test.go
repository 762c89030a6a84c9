package cleanhandoffseveralsenders

import "testing"

func TestCollect(t *testing.T) {
	if got := Collect(4, 50); got != 4*50*8 {
		t.Fatalf("got %d targets", got)
	}
}

package cleanelemfieldwrite

import "testing"

func TestDone(t *testing.T) {
	q := NewQueue(10000)
	finished := q.Run()
	for i := 0; i < 20; i++ {
		_ = q.Done()
	}
	<-finished
	if got := q.Done(); got != 10000 {
		t.Fatalf("done = %d, want 10000", got)
	}
}

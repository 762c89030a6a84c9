package nestedloopwait

import "testing"

func TestCount(t *testing.T) {
	batches := make([][]int, 20)
	for i := range batches {
		for j := 0; j < 50; j++ {
			batches[i] = append(batches[i], i*50+j)
		}
	}
	if got := len(Count(batches)); got != 10 {
		t.Fatalf("got %d digits, want 10", got)
	}
}

// Package cleanwaitiniteration waits for the goroutine within each iteration:
// the loop variable can't change while it runs.
package cleanwaitiniteration

import "sync"

// ProcessBatches processes one batch at a time, each split over two goroutines.
func ProcessBatches(batches [][]int, work func(int)) {
	for _, b := range batches {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, x := range b[:len(b)/2] {
				work(x)
			}
		}()
		for _, x := range b[len(b)/2:] {
			work(x)
		}
		wg.Wait()
	}
}

// Each hands each value to a goroutine and waits for its answer.
func Each(values []string, f func(string) int) []int {
	out := make([]int, 0, len(values))
	for _, v := range values {
		ch := make(chan int)
		go func() { ch <- f(v) }()
		out = append(out, <-ch)
	}
	return out
}

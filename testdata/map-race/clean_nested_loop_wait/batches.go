// Package cleannestedloopwait: the twin of nested_loop_wait. Each batch gets
// one goroutine, started in the outer loop and waited for in the same
// iteration, which loops over the batch's items itself: one writer at a time. Safe.
package cleannestedloopwait

import "sync"

// Count counts the items of every batch by their last digit.
func Count(batches [][]int) map[int]int {
	counts := make(map[int]int)
	for _, batch := range batches {
		var wg sync.WaitGroup
		wg.Add(1)
		go func(batch []int) {
			defer wg.Done()
			for _, x := range batch {
				counts[x%10]++
			}
		}(batch)
		wg.Wait()
	}
	return counts
}

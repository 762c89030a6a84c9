// Package nestedloopwait: batches run one after the other, but the items of a
// batch each get a goroutine (started in the inner loop) and the Wait is in
// the outer loop: a batch's goroutines run at once and all write counts.
package nestedloopwait

import "sync"

// Count counts the items of every batch by their last digit.
func Count(batches [][]int) map[int]int {
	counts := make(map[int]int)
	for _, batch := range batches {
		var wg sync.WaitGroup
		for _, x := range batch {
			wg.Add(1)
			go func(x int) {
				defer wg.Done()
				counts[x%10]++ // want map-race
			}(x)
		}
		wg.Wait()
	}
	return counts
}

// Package closureloop is the seed incident (seed 000): ten goroutines started
// in a loop fill one map with no lock. Every instance of the closure writes the
// same map, so the write races with itself: "fatal error: concurrent map writes".
package closureloop

import "sync"

// IndexIDs maps id*1000+j to j for ten workers of a thousand ids each.
func IndexIDs() map[int]int {
	m := make(map[int]int)
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := 0; j < 1000; j++ {
				m[id*1000+j] = j // want map-race
			}
		}(i)
	}
	wg.Wait()
	return m
}

// Package workerpool: goroutines of a worker pool record sizes under mu; the
// caller writes the map before pool.Wait() without the lock.
package workerpool

import (
	"sync"

	"example.com/map-race/worker_pool/workers"
)

// Sizes records the size of every name.
func Sizes(names []string) map[string]int {
	var mu sync.Mutex
	sizes := make(map[string]int)
	pool := workers.New(4)
	for _, n := range names {
		n := n
		pool.Take()
		go func() {
			defer pool.Give()
			mu.Lock()
			sizes[n] = len(n) // want map-race
			mu.Unlock()
		}()
	}
	sizes["total"] = len(names) // want map-race
	pool.Wait()
	return sizes
}

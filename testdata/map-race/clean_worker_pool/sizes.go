// Package cleanworkerpool: the twin of worker_pool. The caller writes the map
// only after pool.Wait(), which returns once every goroutine has given its
// slot back (deferred Give). Safe.
package cleanworkerpool

import (
	"sync"

	"example.com/map-race/clean_worker_pool/workers"
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
			sizes[n] = len(n)
			mu.Unlock()
		}()
	}
	pool.Wait()
	sizes["total"] = len(names)
	return sizes
}

// Package cleanafterwait: workers record latencies under a mutex; the caller
// ranges over the map only after wg.Wait(), when no worker is left. Safe.
package cleanafterwait

import (
	"sync"
	"time"
)

// Slowest probes every host and returns the slowest one.
func Slowest(hosts []string, probe func(string) time.Duration) string {
	var mu sync.Mutex
	latency := make(map[string]time.Duration)
	var wg sync.WaitGroup
	for _, h := range hosts {
		wg.Add(1)
		go func(h string) {
			defer wg.Done()
			d := probe(h)
			mu.Lock()
			latency[h] = d
			mu.Unlock()
		}(h)
	}
	wg.Wait()
	slowest, worst := "", time.Duration(-1)
	for h, d := range latency {
		if d > worst {
			slowest, worst = h, d
		}
	}
	return slowest
}

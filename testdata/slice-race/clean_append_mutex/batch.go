// Package cleanappendmutex: the twin of ptr_append and shared_append. Both
// shippers append to the shared batch (*p = append(*p, ...)) and the lookup
// goroutines append to results only while holding the same mutex. Safe.
package cleanappendmutex

import (
	"strings"
	"sync"
)

func ship(mu *sync.Mutex, batch *[]byte, lines []string, wg *sync.WaitGroup) {
	defer wg.Done()
	for _, line := range lines {
		mu.Lock()
		*batch = append(*batch, line...)
		mu.Unlock()
	}
}

// Collect gathers stdout and stderr lines into one batch.
func Collect(stdout, stderr []string) []byte {
	var mu sync.Mutex
	var batch []byte
	var wg sync.WaitGroup
	wg.Add(2)
	go ship(&mu, &batch, stdout, &wg)
	go ship(&mu, &batch, stderr, &wg)
	wg.Wait()
	return batch
}

// Endpoints turns every host into its HTTPS endpoint, one goroutine per host.
func Endpoints(hosts []string) []string {
	var mu sync.Mutex
	var results []string
	var wg sync.WaitGroup
	for _, h := range hosts {
		wg.Add(1)
		go func(h string) {
			defer wg.Done()
			ep := "https://" + strings.ToLower(h) + ":443"
			mu.Lock()
			defer mu.Unlock()
			results = append(results, ep)
		}(h)
	}
	wg.Wait()
	return results
}

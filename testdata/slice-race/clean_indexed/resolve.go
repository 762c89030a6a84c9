// Package cleanindexed: the twin of shared_append. The results slice is
// allocated up front and each goroutine writes only results[i], its own
// index, passed as an argument; the caller reads after wg.Wait(). Distinct
// elements are distinct memory: safe.
package cleanindexed

import (
	"strings"
	"sync"
)

// Endpoints turns every host into its HTTPS endpoint, one goroutine per host.
func Endpoints(hosts []string) []string {
	results := make([]string, len(hosts))
	var wg sync.WaitGroup
	for i, h := range hosts {
		wg.Add(1)
		go func(i int, h string) {
			defer wg.Done()
			results[i] = "https://" + strings.ToLower(h) + ":443"
		}(i, h)
	}
	wg.Wait()
	return results
}

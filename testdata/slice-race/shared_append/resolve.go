// Package sharedappend: every lookup goroutine appends its result to the
// caller's results slice. append reads and reassigns the shared slice variable
// from all goroutines at once: results are lost or the runtime corrupts them.
package sharedappend

import (
	"strings"
	"sync"
)

// Endpoints turns every host into its HTTPS endpoint, one goroutine per host.
func Endpoints(hosts []string) []string {
	var results []string
	var wg sync.WaitGroup
	for _, h := range hosts {
		wg.Add(1)
		go func(h string) {
			defer wg.Done()
			ep := "https://" + strings.ToLower(h) + ":443"
			results = append(results, ep) // want slice-race
		}(h)
	}
	wg.Wait()
	return results
}

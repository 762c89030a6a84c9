// Package cleanunknownversion lives in a module whose go.mod has no go line:
// the loop semantics are unknown, so go-hazard stays quiet.
package cleanunknownversion

import "sync"

// Lengths computes the length of every word concurrently.
func Lengths(words []string) []int {
	out := make([]int, len(words))
	var wg sync.WaitGroup
	for i, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = len(w)
		}()
	}
	wg.Wait()
	return out
}

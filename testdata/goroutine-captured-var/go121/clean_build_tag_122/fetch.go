//go:build go1.22

// Package cleanbuildtag122 is range_value in a file constrained to Go 1.22
// (inside a go 1.21 module): the file gets per-iteration loop variables.
package cleanbuildtag122

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

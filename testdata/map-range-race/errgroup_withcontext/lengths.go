// Package errgroupwithcontext: a Group from errgroup.WithContext runs the
// callbacks; they write the map under mu, but the caller ranges over it
// before g.Wait(), without the lock.
package errgroupwithcontext

import (
	"context"
	"sync"

	"example.com/map-range-race/errgroup_withcontext/errgroup"
)

// Total sums the words' lengths.
func Total(ctx context.Context, words []string) (int, error) {
	var mu sync.Mutex
	lengths := make(map[string]int)
	g, _ := errgroup.WithContext(ctx)
	for _, w := range words {
		w := w
		g.Go(func() error {
			mu.Lock()
			defer mu.Unlock()
			lengths[w] = len(w)
			return nil
		})
	}
	n := 0
	for _, v := range lengths { // want map-range-race
		n += v
	}
	return n, g.Wait()
}

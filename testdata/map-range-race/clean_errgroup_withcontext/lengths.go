// Package cleanerrgroupwithcontext: the twin of errgroup_withcontext. lengths
// returns the map together with g.Wait(), so every callback's write happens
// before the caller ranges over it (`return m, g.Wait()`). Safe.
package cleanerrgroupwithcontext

import (
	"context"
	"sync"

	"example.com/map-range-race/clean_errgroup_withcontext/errgroup"
)

func lengths(ctx context.Context, words []string) (map[string]int, error) {
	var mu sync.Mutex
	m := make(map[string]int)
	g, _ := errgroup.WithContext(ctx)
	for _, w := range words {
		w := w
		g.Go(func() error {
			mu.Lock()
			defer mu.Unlock()
			m[w] = len(w)
			return nil
		})
	}
	return m, g.Wait()
}

// Total sums the words' lengths.
func Total(ctx context.Context, words []string) (int, error) {
	m, err := lengths(ctx, words)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, v := range m {
		n += v
	}
	return n, nil
}

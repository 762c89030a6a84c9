// Package cleanerrgroup: the twin of errgroup_callback. The callbacks run on
// the Group's goroutines but write sizes under mu; the caller reads the map
// only after g.Wait(). Safe.
package cleanerrgroup

import "sync"

// Group runs functions on goroutines and waits for them.
type Group struct {
	wg sync.WaitGroup
}

// Go runs f on a new goroutine.
func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		_ = f()
	}()
}

// Wait blocks until every f has returned.
func (g *Group) Wait() { g.wg.Wait() }

// Sizes "fetches" every url and records its size.
func Sizes(urls []string) map[string]int {
	var mu sync.Mutex
	sizes := make(map[string]int)
	var g Group
	for _, u := range urls {
		u := u
		g.Go(func() error {
			mu.Lock()
			defer mu.Unlock()
			sizes[u] = len(u)
			return nil
		})
	}
	g.Wait()
	return sizes
}

// Package errgroupcallback: an errgroup-style Group runs each callback on its
// own goroutine. The callbacks all write the caller's sizes map unlocked.
// (Group mirrors golang.org/x/sync/errgroup so the fixture needs no download.)
package errgroupcallback

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
	sizes := make(map[string]int)
	var g Group
	for _, u := range urls {
		u := u
		g.Go(func() error {
			sizes[u] = len(u) // want map-race
			return nil
		})
	}
	g.Wait()
	return sizes
}

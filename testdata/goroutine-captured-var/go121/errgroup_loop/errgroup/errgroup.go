// Package errgroup mirrors golang.org/x/sync/errgroup so the fixture needs no
// download: a Group from another package, as the callers below see it.
package errgroup

import "sync"

// Group runs functions on goroutines and returns the first error.
type Group struct {
	wg   sync.WaitGroup
	once sync.Once
	err  error
}

// Go runs f on a new goroutine.
func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.once.Do(func() { g.err = err })
		}
	}()
}

// Wait waits for every f and returns the first error.
func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}

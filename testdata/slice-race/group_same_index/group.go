// Package groupsameindex: a notification group runs one call per peer on a
// goroutine its Go method starts, and each call stores its error at the index
// it was given. Notify passes the same index for every peer: all the
// goroutines write one element at once.
package groupsameindex

// fixture: summaries only (the walker reports nothing here)

import (
	"errors"
	"sync"
)

// Group collects one error per peer.
type Group struct {
	wg   sync.WaitGroup
	errs []error
}

// NewGroup makes a group for n peers.
func NewGroup(n int) *Group {
	return &Group{errs: make([]error, n)}
}

// Go runs f on a goroutine of its own and keeps its error at index.
func (g *Group) Go(index int, f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		g.errs[index] = f() // want slice-race
	}()
}

// Wait waits for every call and returns the errors.
func (g *Group) Wait() []error {
	g.wg.Wait()
	return g.errs
}

// Notify calls every peer at once.
func Notify(peers []string) []error {
	g := NewGroup(len(peers))
	for _, p := range peers {
		p := p
		g.Go(0, func() error {
			if p == "" {
				return errors.New("no address")
			}
			return nil
		})
	}
	return g.Wait()
}

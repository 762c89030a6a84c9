// Package cleanerrafterwait assigns err again only after waiting for the
// goroutine that wrote it.
package cleanerrafterwait

import (
	"io"
	"sync"
)

// Group runs functions on goroutines and returns the first error.
type Group struct {
	wg  sync.WaitGroup
	mu  sync.Mutex
	err error
}

// Go runs f on a new goroutine.
func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.mu.Lock()
			if g.err == nil {
				g.err = err
			}
			g.mu.Unlock()
		}
	}()
}

// Wait waits for every f and returns the first error.
func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}

// Tee copies src to two writers, the second one on another goroutine.
func Tee(a, b io.Writer, src []byte) (err error) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, err = b.Write(src)
	}()
	<-done
	if err != nil {
		return err
	}
	_, err = a.Write(src)
	return err
}

// Both writes to two writers with a Group; err is assigned from Wait.
func Both(a, b io.Writer, src []byte) error {
	var err error
	var g Group
	g.Go(func() error {
		_, err := a.Write(src)
		return err
	})
	g.Go(func() error {
		_, werr := b.Write(src)
		return werr
	})
	err = g.Wait()
	return err
}

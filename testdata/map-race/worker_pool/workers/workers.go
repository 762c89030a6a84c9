// Package workers is a bounded worker pool of another module, as callers see
// it: Take a slot before starting a goroutine, Give it back when done, Wait
// for every slot to be given back.
package workers

import "sync"

// Workers bounds how many goroutines run at once.
type Workers struct {
	slots chan struct{}
	wg    sync.WaitGroup
}

// New returns a pool of n slots.
func New(n int) *Workers {
	return &Workers{slots: make(chan struct{}, n)}
}

// Take blocks until a slot is free.
func (w *Workers) Take() {
	w.wg.Add(1)
	w.slots <- struct{}{}
}

// Give returns a slot.
func (w *Workers) Give() {
	<-w.slots
	w.wg.Done()
}

// Wait blocks until every slot taken is given back.
func (w *Workers) Wait() {
	w.wg.Wait()
}

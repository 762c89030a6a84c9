// Package headerreads: a recorder's goroutine appends events under mu, while
// Len, Count and Reset use the slice's header (its length, a range over it, a
// new value for the field) without the lock.
package headerreads

import "sync"

// Recorder records the events it is sent.
type Recorder struct {
	mu     sync.Mutex
	events []string
}

// Run records what arrives on in, on a goroutine of its own, until in is closed.
func (r *Recorder) Run(in <-chan string) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for e := range in {
			r.mu.Lock()
			r.events = append(r.events, e) // want slice-race
			r.mu.Unlock()
		}
	}()
	return done
}

// Len says how many events were recorded.
func (r *Recorder) Len() int { return len(r.events) }

// Count says how often name was recorded.
func (r *Recorder) Count(name string) int {
	n := 0
	for _, e := range r.events {
		if e == name {
			n++
		}
	}
	return n
}

// Reset forgets every event.
func (r *Recorder) Reset() {
	r.events = nil // want slice-race
}

// Package cleanheaderreads: the twin of header_reads. The events slice is
// only used under mu. The slots slice is made once and never appended to or
// replaced: its goroutine writes elements while Size reads the length, which
// is the header's, not the elements'. Safe.
package cleanheaderreads

import "sync"

// Recorder records the events it is sent.
type Recorder struct {
	mu     sync.Mutex
	events []string
	slots  []int
}

// New makes a recorder with n slots.
func New(n int) *Recorder { return &Recorder{slots: make([]int, n)} }

// Run records what arrives on in, on a goroutine of its own, until in is closed.
func (r *Recorder) Run(in <-chan string) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		i := 0
		for e := range in {
			r.slots[i%len(r.slots)] = len(e)
			i++
			r.mu.Lock()
			r.events = append(r.events, e)
			r.mu.Unlock()
		}
	}()
	return done
}

// Size says how many slots there are.
func (r *Recorder) Size() int { return len(r.slots) }

// Len says how many events were recorded.
func (r *Recorder) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events)
}

// Count says how often name was recorded.
func (r *Recorder) Count(name string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
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
	r.mu.Lock()
	r.events = nil
	r.mu.Unlock()
}

// Package cleanenumkeys: the key type is an enum with a handful of values.
package cleanenumkeys

import "sync"

// State is a connection state.
type State int

const (
	Idle State = iota
	Active
	Closed
)

// Tracker counts connections per state.
type Tracker struct {
	mu     sync.Mutex
	counts map[State]int
	seen   map[bool]int
}

// NewTracker returns an empty tracker.
func NewTracker() *Tracker {
	return &Tracker{counts: map[State]int{}, seen: map[bool]int{}}
}

// Add counts a transition to s.
func (t *Tracker) Add(s State, first bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.counts[s]++
	t.seen[first]++
}

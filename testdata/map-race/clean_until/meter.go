// Package cleanuntil: the twin of until_loop. The method value run by
// `go Until(m.tick, stop)` and Mark both lock m.mu around the counts map. Safe.
package cleanuntil

import (
	"runtime"
	"sync"
)

// Until calls f repeatedly until stop is closed.
func Until(f func(), stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
			f()
			runtime.Gosched()
		}
	}
}

// Meter counts named events.
type Meter struct {
	mu     sync.Mutex
	counts map[string]int64
}

// NewMeter returns a meter with no counts.
func NewMeter() *Meter { return &Meter{counts: make(map[string]int64)} }

// Start counts uptime ticks in the background until stop is closed.
func (m *Meter) Start(stop <-chan struct{}) { go Until(m.tick, stop) }

func (m *Meter) tick() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.counts["uptime_ticks"]++
}

// Mark counts one event.
func (m *Meter) Mark(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.counts[name]++
}

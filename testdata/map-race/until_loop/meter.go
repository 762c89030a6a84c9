// Package untilloop: Start runs `go Until(m.tick, stop)`; Until calls the
// method value m.tick in a loop on that goroutine. tick and Mark (called by
// clients) both increment the counts map with no lock.
package untilloop

import "runtime"

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
	counts map[string]int64
}

// NewMeter returns a meter with no counts.
func NewMeter() *Meter { return &Meter{counts: make(map[string]int64)} }

// Start counts uptime ticks in the background until stop is closed.
func (m *Meter) Start(stop <-chan struct{}) { go Until(m.tick, stop) }

func (m *Meter) tick() {
	m.counts["uptime_ticks"]++ // want map-race
}

// Mark counts one event.
func (m *Meter) Mark(name string) {
	m.counts[name]++ // want map-race
}

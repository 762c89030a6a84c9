// Package cleansnapshot: the twin of metrics_reporter. The reporter copies the
// counters under the mutex and ranges over the copy after unlocking; Inc
// writes under the same mutex. Safe.
package cleansnapshot

import (
	"fmt"
	"sync"
)

// Metrics counts named events and reports them periodically.
type Metrics struct {
	mu     sync.Mutex
	counts map[string]int
}

// NewMetrics returns metrics with no counts.
func NewMetrics() *Metrics { return &Metrics{counts: make(map[string]int)} }

// Inc counts one event.
func (m *Metrics) Inc(name string) {
	m.mu.Lock()
	m.counts[name]++
	m.mu.Unlock()
}

func (m *Metrics) snapshot() map[string]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	snap := make(map[string]int, len(m.counts))
	for name, n := range m.counts {
		snap[name] = n
	}
	return snap
}

// StartReporter sends a report line for every tick received, until ticks closes.
func (m *Metrics) StartReporter(ticks <-chan struct{}, out chan<- string) {
	go func() {
		for range ticks {
			total := 0
			for _, n := range m.snapshot() {
				total += n
			}
			out <- fmt.Sprintf("events=%d", total)
		}
		close(out)
	}()
}

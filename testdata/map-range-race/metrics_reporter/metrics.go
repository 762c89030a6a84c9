// Package metricsreporter: a reporter goroutine ranges over the counters map
// while the code that records events keeps incrementing it. Iterating a map
// that another goroutine writes is a race (and can crash with "concurrent map
// iteration and map write"). The increment itself has no other conflict.
package metricsreporter

import "fmt"

// Metrics counts named events and reports them periodically.
type Metrics struct {
	counts map[string]int
}

// NewMetrics returns metrics with no counts.
func NewMetrics() *Metrics { return &Metrics{counts: make(map[string]int)} }

// Inc counts one event.
func (m *Metrics) Inc(name string) { m.counts[name]++ }

// StartReporter sends a report line for every tick received, until ticks closes.
func (m *Metrics) StartReporter(ticks <-chan struct{}, out chan<- string) {
	go func() {
		for range ticks {
			total := 0
			for name, n := range m.counts { // want map-range-race
				total += n
				_ = name
			}
			out <- fmt.Sprintf("events=%d", total)
		}
		close(out)
	}()
}

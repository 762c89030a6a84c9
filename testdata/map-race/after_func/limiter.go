// Package afterfunc: Penalize counts a strike for an IP and schedules its
// reset with time.AfterFunc. The callback runs on the timer's goroutine and
// writes the map while the caller keeps writing it (right after scheduling,
// and on every later call).
package afterfunc

import "time"

// Limiter counts strikes per client IP.
type Limiter struct {
	strikes map[string]int
}

// NewLimiter returns a limiter with no strikes.
func NewLimiter() *Limiter { return &Limiter{strikes: make(map[string]int)} }

// Penalize adds a strike for ip that is forgotten after d.
func (l *Limiter) Penalize(ip string, d time.Duration) {
	time.AfterFunc(d, func() {
		l.strikes[ip] = 0 // want map-race
	})
	l.strikes[ip]++ // want map-race
}

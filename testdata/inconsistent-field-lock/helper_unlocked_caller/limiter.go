// Package helperunlockedcaller: the unexported helper forget is called with
// l.mu held from Allow, but Reset calls it bare.
package helperunlockedcaller

import (
	"sync"
	"time"
)

// Limiter allows one request per client per interval.
type Limiter struct {
	mu   sync.Mutex
	last map[string]time.Time
	gap  time.Duration
}

// NewLimiter returns a limiter with the given interval.
func NewLimiter(gap time.Duration) *Limiter {
	return &Limiter{last: map[string]time.Time{}, gap: gap}
}

func (l *Limiter) forget(client string) {
	delete(l.last, client) // want "Limiter.last is deleted from without l.mu.*reached from \(\*Limiter\).Reset"
}

// Allow reports whether client may proceed now.
func (l *Limiter) Allow(client string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t, ok := l.last[client]; ok {
		if now.Sub(t) < l.gap {
			return false
		}
		l.forget(client)
	}
	l.last[client] = now
	return true
}

// Seen reports whether client was seen.
func (l *Limiter) Seen(client string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, ok := l.last[client]
	return ok
}

// Clients returns how many clients are tracked.
func (l *Limiter) Clients() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.last)
}

// Reset forgets client. BUG: calls forget without the lock.
func (l *Limiter) Reset(client string) {
	l.forget(client)
}

// Package cleanafterfunc: the twin of after_func. The time.AfterFunc
// callback and Penalize both take l.mu before touching strikes. Safe.
package cleanafterfunc

import (
	"sync"
	"time"
)

// Limiter counts strikes per client IP.
type Limiter struct {
	mu      sync.Mutex
	strikes map[string]int
}

// NewLimiter returns a limiter with no strikes.
func NewLimiter() *Limiter { return &Limiter{strikes: make(map[string]int)} }

// Penalize adds a strike for ip that is forgotten after d.
func (l *Limiter) Penalize(ip string, d time.Duration) {
	time.AfterFunc(d, func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.strikes[ip] = 0
	})
	l.mu.Lock()
	l.strikes[ip]++
	l.mu.Unlock()
}

// Package ratelimiter remembers the last request time of every client IP it
// has ever seen, in a limiter held by a package variable.
package ratelimiter

import (
	"net"
	"net/http"
	"sync"
	"time"
)

type limiter struct {
	mu   sync.Mutex
	last map[string]time.Time
	gap  time.Duration
}

var global = &limiter{last: make(map[string]time.Time), gap: 100 * time.Millisecond}

func (l *limiter) allow(ip string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t, ok := l.last[ip]; ok && now.Sub(t) < l.gap {
		return false
	}
	l.last[ip] = now // want "Map l.last only grows.*package variable global"
	return true
}

// Middleware rejects clients that come back too soon.
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, _, _ := net.SplitHostPort(r.RemoteAddr)
		if !global.allow(ip, time.Now()) {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

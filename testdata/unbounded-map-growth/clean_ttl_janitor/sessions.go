// Package cleanttljanitor: sessions expire; a janitor goroutine deletes them.
package cleanttljanitor

import (
	"sync"
	"time"
)

// Store maps tokens to expiry times.
type Store struct {
	mu      sync.Mutex
	expires map[string]time.Time
	ttl     time.Duration
}

// NewStore returns a store whose janitor runs every interval.
func NewStore(ttl, interval time.Duration) *Store {
	s := &Store{expires: make(map[string]time.Time), ttl: ttl}
	go func() {
		for now := range time.Tick(interval) {
			s.expire(now)
		}
	}()
	return s
}

// Add records a new session.
func (s *Store) Add(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expires[token] = time.Now().Add(s.ttl)
}

func (s *Store) expire(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for t, exp := range s.expires {
		if now.After(exp) {
			delete(s.expires, t)
		}
	}
}

// Package sessionfield reads fields of *Session values straight out of the
// session map: an unknown or expired token crashes the handler.
package sessionfield

import (
	"net/http"
	"sync"
	"time"
)

// Session is one logged-in user.
type Session struct {
	User    string
	Expires time.Time
}

// Store maps tokens to sessions.
type Store struct {
	mu       sync.RWMutex
	sessions map[string]*Session
}

// User returns the user of the request's session.
func (s *Store) User(r *http.Request) string {
	token := r.Header.Get("X-Session")
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sessions[token].User // want "map s.sessions"
}

// Touch extends a session.
func (s *Store) Touch(token string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[token].Expires = time.Now().Add(d) // want unchecked-map-pointer
}

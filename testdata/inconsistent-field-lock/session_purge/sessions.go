// Package sessionpurge: the session store guards sessions with an RWMutex
// everywhere except in PurgeExpired, which ranges and deletes bare.
package sessionpurge

import (
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
	sessions map[string]Session
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{sessions: map[string]Session{}}
}

// Get returns the session for token.
func (s *Store) Get(token string) (Session, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sess, ok := s.sessions[token]
	return sess, ok
}

// Set stores a session.
func (s *Store) Set(token string, sess Session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[token] = sess
}

// Logout deletes a session.
func (s *Store) Logout(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, token)
}

// Count returns the number of sessions.
func (s *Store) Count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.sessions)
}

// PurgeExpired drops expired sessions. BUG: it forgot the lock.
func (s *Store) PurgeExpired(now time.Time) {
	for token, sess := range s.sessions { // want "Store.sessions is iterated without s.mu"
		if now.After(sess.Expires) {
			delete(s.sessions, token) // want "Store.sessions is deleted from without s.mu"
		}
	}
}

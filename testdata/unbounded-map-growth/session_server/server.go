// Package sessionserver: the server remembers every session it ever issued;
// there is no logout and no expiry.
package sessionserver

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"sync"
	"time"
)

// Session is one logged-in user.
type Session struct {
	User    string
	Created time.Time
}

// Server issues sessions.
type Server struct {
	mu       sync.Mutex
	sessions map[string]*Session
}

// NewServer returns a server with no sessions.
func NewServer() *Server {
	return &Server{sessions: map[string]*Session{}}
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var b [16]byte
	_, _ = rand.Read(b[:])
	token := hex.EncodeToString(b[:])
	s.mu.Lock()
	s.sessions[token] = &Session{User: r.FormValue("user"), Created: time.Now()} // want "Map s.sessions only grows.*ServeHTTP.*\*Session value alive"
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: "session", Value: token})
}

// ServeHTTP routes /login; everything else needs a session.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/login" {
		s.login(w, r)
		return
	}
	c, err := r.Cookie("session")
	if err != nil {
		http.Error(w, "no session", http.StatusUnauthorized)
		return
	}
	s.mu.Lock()
	_, ok := s.sessions[c.Value]
	s.mu.Unlock()
	if !ok {
		http.Error(w, "unknown session", http.StatusUnauthorized)
	}
}

// Package cleannilcheck: the pointer is compared with nil before use, with an
// early return, a continue, or a guarded block.
package cleannilcheck

import "time"

// Session is one logged-in user.
type Session struct {
	User    string
	Expires time.Time
}

// Store maps tokens to sessions.
type Store struct {
	sessions map[string]*Session
}

// User returns the session's user or "".
func (s *Store) User(token string) string {
	sess := s.sessions[token]
	if sess == nil {
		return ""
	}
	return sess.User
}

// Touch extends a session if it exists.
func (s *Store) Touch(token string, d time.Duration) {
	if sess := s.sessions[token]; sess != nil {
		sess.Expires = time.Now().Add(d)
	}
}

// Users lists the users of tokens, skipping unknown ones.
func (s *Store) Users(tokens []string) []string {
	var out []string
	for _, t := range tokens {
		if s.sessions[t] == nil {
			continue
		}
		out = append(out, s.sessions[t].User)
	}
	return out
}

// Package literalomitsfield: NewSession makes the values map, but Restore
// builds a Session with a literal that leaves it out and writes to it.
package literalomitsfield

// Session is a logged-in user's state.
type Session struct {
	ID     string
	User   string
	values map[string]string
}

// NewSession returns an empty session.
func NewSession(id, user string) *Session {
	return &Session{ID: id, User: user, values: make(map[string]string)}
}

// Set stores a session value.
func (s *Session) Set(k, v string) {
	s.values[k] = v
}

// Restore rebuilds a session from a stored record. BUG: values is nil.
func Restore(id, user string, stored map[string]string) *Session {
	s := &Session{ID: id, User: user}
	for k, v := range stored {
		s.values[k] = v // want "s is built on line 24 by a composite literal without values"
	}
	return s
}

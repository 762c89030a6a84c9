// Package cleanliteralwithfield: every literal that builds a Session gives it
// a values map.
package cleanliteralwithfield

// Session is a logged-in user's state.
type Session struct {
	ID     string
	values map[string]string
}

// Restore rebuilds a session from a stored record.
func Restore(id string, stored map[string]string) *Session {
	s := &Session{ID: id, values: make(map[string]string, len(stored))}
	for k, v := range stored {
		s.values[k] = v
	}
	return s
}

// Blank returns a session with a fresh, positional literal.
func Blank(id string) Session {
	s := Session{id, map[string]string{}}
	s.values["new"] = "1"
	return s
}

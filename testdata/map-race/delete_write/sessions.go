// Package deletewrite: a janitor goroutine deletes expired sessions while
// Login writes new ones from the caller. delete is a write: write/write race.
package deletewrite

// Sessions maps session ids to user names.
type Sessions struct {
	byID    map[string]string
	expired chan string
}

// NewSessions starts the janitor and returns the table.
func NewSessions() *Sessions {
	s := &Sessions{byID: make(map[string]string), expired: make(chan string, 16)}
	go s.janitor()
	return s
}

func (s *Sessions) janitor() {
	for id := range s.expired {
		delete(s.byID, id) // want map-race
	}
}

// Login opens a session.
func (s *Sessions) Login(id, user string) {
	s.byID[id] = user // want map-race
}

// Expire schedules id for removal.
func (s *Sessions) Expire(id string) { s.expired <- id }

// Close stops the janitor.
func (s *Sessions) Close() { close(s.expired) }

// Package janitorkeys: the janitor goroutine deletes expired sessions while
// Active, called by the admin page, ranges over the same map. delete during
// another goroutine's iteration is a race.
package janitorkeys

import "sort"

// Sessions maps session ids to users.
type Sessions struct {
	byID    map[string]string
	expired chan string
}

// NewSessions returns a table of the given sessions and starts its janitor.
func NewSessions(initial map[string]string) *Sessions {
	s := &Sessions{byID: initial, expired: make(chan string)}
	go func() {
		for id := range s.expired {
			delete(s.byID, id)
		}
	}()
	return s
}

// Expire schedules id for removal.
func (s *Sessions) Expire(id string) { s.expired <- id }

// Active lists the live session ids.
func (s *Sessions) Active() []string {
	ids := make([]string, 0, 16)
	for id := range s.byID { // want map-range-race
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Close stops the janitor.
func (s *Sessions) Close() { close(s.expired) }

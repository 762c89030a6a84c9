// Package cleancheckchannel: Check verifies the pages on a goroutine and
// returns the channel it reports on; the goroutine closes it when it is done.
// Callers drain the channel before they use the store again (Commit does), so
// the check never overlaps a Commit.
package cleancheckchannel

import "fmt"

// Store holds pages by id.
type Store struct {
	pages map[int][]byte
}

// NewStore returns a store with n empty pages.
func NewStore(n int) *Store {
	s := &Store{pages: make(map[int][]byte)}
	for i := 0; i < n; i++ {
		s.pages[i] = []byte{}
	}
	return s
}

// Check reports every nil page on the returned channel, closed at the end.
func (s *Store) Check() <-chan error {
	ch := make(chan error)
	go s.check(ch)
	return ch
}

func (s *Store) check(ch chan error) {
	for id, p := range s.pages {
		if p == nil {
			ch <- fmt.Errorf("page %d: nil", id)
		}
	}
	close(ch)
}

// Commit drops the empty pages.
func (s *Store) Commit() {
	for id, p := range s.pages {
		if len(p) == 0 {
			delete(s.pages, id)
		}
	}
}

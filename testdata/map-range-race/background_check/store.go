// Package backgroundcheck: Check verifies the pages on a goroutine and
// reports through a callback, so its caller has nothing to wait on; a Commit
// right after it deletes pages while the check still ranges over them.
package backgroundcheck

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

// Check reports every nil page to report, in the background.
func (s *Store) Check(report func(error)) {
	go s.check(report)
}

func (s *Store) check(report func(error)) {
	for id, p := range s.pages { // want map-range-race
		if p == nil {
			report(fmt.Errorf("page %d: nil", id))
		}
	}
}

// Commit drops the empty pages.
func (s *Store) Commit() {
	for id, p := range s.pages {
		if len(p) == 0 {
			delete(s.pages, id)
		}
	}
}

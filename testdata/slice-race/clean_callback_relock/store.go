// Package cleancallbackrelock: remove lets go of the store's lock around the
// update callback and takes it again, as a message store does for its storage
// callback. Its caller holds the lock before and after the call, so the
// caller's append after remove is under the lock, as are the writer's. Safe.
package cleancallbackrelock

import "sync"

// Store keeps messages under mu.
type Store struct {
	mu   sync.Mutex
	msgs []int
	cb   func(int)
}

// remove drops seq and tells the callback, without the lock. Lock should be held.
func (s *Store) remove(seq int) {
	if len(s.msgs) > 0 {
		s.msgs = s.msgs[1:]
	}
	if cb := s.cb; cb != nil {
		s.mu.Unlock()
		cb(seq)
		s.mu.Lock()
	}
}

// Compact removes the tombstones and records them, holding the lock.
func (s *Store) Compact(tombs []int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, seq := range tombs {
		s.remove(seq)
		s.record(seq)
	}
}

// record notes a removed sequence. Lock should be held.
func (s *Store) record(seq int) {
	s.msgs = append(s.msgs, -seq)
}

// Run compacts while a writer stores messages.
func Run(s *Store, n int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < n; i++ {
			s.mu.Lock()
			s.msgs = append(s.msgs, i)
			s.mu.Unlock()
		}
	}()
	tombs := make([]int, n)
	for i := range tombs {
		tombs[i] = i
	}
	s.Compact(tombs)
	wg.Wait()
}

// Package cleanlockpointerfield: the twin of lock_pointer_field. The keeper's
// mu points to the store's mutex (`mu: &s.mu`): the expiry goroutine and
// every method of the store hold the same lock. Safe.
package cleanlockpointerfield

import (
	"sync"
	"time"
)

type keeper struct {
	mu      *sync.Mutex
	expires map[string]time.Time
	stop    chan struct{}
	done    chan struct{}
}

func (k *keeper) run() {
	defer close(k.done)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case now := <-tick.C:
			k.mu.Lock()
			for key, at := range k.expires {
				if now.After(at) {
					delete(k.expires, key)
				}
			}
			k.mu.Unlock()
		case <-k.stop:
			return
		}
	}
}

// Store holds tokens that expire.
type Store struct {
	mu     sync.Mutex
	keeper *keeper
}

// Open starts the expiry goroutine.
func Open() *Store {
	s := &Store{}
	s.keeper = &keeper{mu: &s.mu, expires: make(map[string]time.Time), stop: make(chan struct{}), done: make(chan struct{})}
	go s.keeper.run()
	return s
}

// Touch extends a token's life.
func (s *Store) Touch(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keeper.expires[token] = time.Now().Add(time.Millisecond)
}

// Close stops the expiry goroutine.
func (s *Store) Close() {
	close(s.keeper.stop)
	<-s.keeper.done
}

// Package lockpointerfield: the expiry goroutine locks its keeper's mu, which
// points to the store's mutex (`mu: &s.mu`), but Touch writes the keeper's
// map without taking it.
package lockpointerfield

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
					delete(k.expires, key) // want map-race
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
	s.keeper.expires[token] = time.Now().Add(time.Millisecond) // want map-race
}

// Close stops the expiry goroutine.
func (s *Store) Close() {
	close(s.keeper.stop)
	<-s.keeper.done
}

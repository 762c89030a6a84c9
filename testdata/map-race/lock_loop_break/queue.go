// Package lockloopbreak: push waits for room by taking the lock at the top of
// an endless loop and leaving it with break, but it lets go of the lock before
// the write: the write races with the drainer's.
package lockloopbreak

import (
	"sync"
	"time"
)

type store struct {
	mu    sync.Mutex
	items map[int]int
}

func (s *store) push(k int) {
	for {
		s.mu.Lock()
		if len(s.items) < 8 {
			break
		}
		s.mu.Unlock()
		time.Sleep(time.Microsecond)
	}
		s.mu.Unlock()
	s.items[k] = k // want map-race
}

func (s *store) drain(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		s.mu.Lock()
		for k := range s.items {
			delete(s.items, k) // want map-race
		}
		s.mu.Unlock()
	}
}

// Fill pushes n keys while a goroutine drains the store.
func Fill(n int) {
	s := &store{items: make(map[int]int)}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.drain(stop)
	}()
	for i := 0; i < n; i++ {
		s.push(i)
	}
	close(stop)
	<-done
}

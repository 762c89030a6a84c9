// Package cleanlockloopbreak: the twin of lock_loop_break. push takes the lock
// at the top of an endless loop and leaves it with break still holding it (or
// lets go and waits): the write after the loop is under the lock. Safe.
package cleanlockloopbreak

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
	s.items[k] = k
	s.mu.Unlock()
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
			delete(s.items, k)
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

// Package helpergoroutinehandoff: release hands a lock's owners to a goroutine
// that clears them in parallel, as a distributed mutex does. Every locker
// (several at once) fills a slice of its own, but it copies the owners into it
// after the go statement, while the release goroutines clear it: a race with
// the start this locker made (the release goroutines of all lockers are one go
// statement deep in a helper).
package helpergoroutinehandoff

import "sync"

// Mutex remembers which peers granted the lock.
type Mutex struct {
	mu     sync.Mutex
	owners []string
}

// Unlock releases the peers' grants in the background.
func (m *Mutex) Unlock() {
	granted := make([]string, 8)
	go func() {
		release(granted)
	}()
	m.mu.Lock()
	copy(granted, m.owners) // want slice-race
	m.mu.Unlock()
}

// release clears every grant on a goroutine per peer and waits for them.
func release(granted []string) {
	var wg sync.WaitGroup
	for i := range granted {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if granted[i] != "" {
				granted[i] = "" // want slice-race
			}
		}(i)
	}
	wg.Wait()
}

func locker(m *Mutex, rounds int, done chan<- bool) {
	for i := 0; i < rounds; i++ {
		m.Unlock()
	}
	done <- true
}

// Hammer runs two lockers at once.
func Hammer(m *Mutex) {
	done := make(chan bool)
	go locker(m, 100, done)
	go locker(m, 100, done)
	<-done
	<-done
}

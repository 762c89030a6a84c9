// Package cleanhelpergoroutinehandoff: release hands a lock's owners to a
// goroutine that clears them in parallel, as a distributed mutex does. Every
// locker (several at once) copies the owners into a slice of its own before
// the go statement; the release goroutines of all lockers are one go statement
// deep in a helper, but each is started after its own locker's copy. Safe.
package cleanhelpergoroutinehandoff

import "sync"

// Mutex remembers which peers granted the lock.
type Mutex struct {
	mu     sync.Mutex
	owners []string
}

// Unlock releases the peers' grants in the background.
func (m *Mutex) Unlock() {
	granted := make([]string, 8)
	m.mu.Lock()
	copy(granted, m.owners)
	m.mu.Unlock()
	go func() {
		release(granted)
	}()
}

// release clears every grant on a goroutine per peer and waits for them.
func release(granted []string) {
	var wg sync.WaitGroup
	for i := range granted {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if granted[i] != "" {
				granted[i] = ""
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

// Package cleanrelockdeferred: pause lets go of the caller's lock while it
// waits and takes it again on return (`c.mu.Unlock(); defer c.mu.Lock()`), so
// Deliver's write after the pause is under the lock, as its other writes are. Safe.
package cleanrelockdeferred

import (
	"sync"
	"time"
)

type conn struct {
	mu      sync.Mutex
	pending map[string]int
}

func (c *conn) pause() {
	c.mu.Unlock()
	defer c.mu.Lock()
	time.Sleep(time.Microsecond)
}

func (c *conn) deliver(k string) {
	c.mu.Lock()
	c.pending[k]++
	c.pause()
	c.pending[k]--
	c.mu.Unlock()
}

// DeliverAll delivers every key from a goroutine of its own.
func DeliverAll(keys []string) int {
	c := &conn{pending: make(map[string]int)}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func(k string) {
			defer wg.Done()
			c.deliver(k)
		}(k)
	}
	wg.Wait()
	return len(c.pending)
}

// Package relockdeferred: pause lets go of the caller's lock while it waits
// (`c.mu.Unlock(); defer c.mu.Lock()`) and writes the map in that window,
// while other goroutines' deliver writes it under the lock.
package relockdeferred

import (
	"sync"
	"time"
)

type conn struct {
	mu      sync.Mutex
	pending map[string]int
}

func (c *conn) pause(k string) {
	c.mu.Unlock()
	defer c.mu.Lock()
	c.pending[k]-- // want map-race
	time.Sleep(time.Microsecond)
}

func (c *conn) deliver(k string) {
	c.mu.Lock()
	c.pending[k]++ // want map-race
	c.pause(k)
	c.pending[k]++ // want map-race
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

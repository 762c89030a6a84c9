// Package cleanlockhelper: every access to entries goes through the helper
// `defer c.locked()()`, which locks c.mu and returns its Unlock; the expiry
// goroutine and Put therefore hold the same mutex. Safe.
package cleanlockhelper

import "sync"

// Cache holds entries until they are expired.
type Cache struct {
	mu      sync.Mutex
	entries map[string]string
}

// NewCache starts the expiry goroutine for keys received on expired.
func NewCache(expired <-chan string) *Cache {
	c := &Cache{entries: make(map[string]string)}
	go func() {
		for k := range expired {
			c.remove(k)
		}
	}()
	return c
}

func (c *Cache) locked() func() {
	c.mu.Lock()
	return c.mu.Unlock
}

func (c *Cache) remove(k string) {
	defer c.locked()()
	delete(c.entries, k)
}

// Put stores v under k.
func (c *Cache) Put(k, v string) {
	defer c.locked()()
	c.entries[k] = v
}

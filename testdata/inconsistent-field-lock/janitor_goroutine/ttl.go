// Package janitorgoroutine: the TTL cache locks c.mu in every method, but
// the janitor goroutine started by the constructor deletes expired entries
// without it.
package janitorgoroutine

import (
	"sync"
	"time"
)

type entry struct {
	val     []byte
	expires time.Time
}

// TTLCache expires entries after a fixed time.
type TTLCache struct {
	mu    sync.Mutex
	items map[string]entry
	ttl   time.Duration
}

// New returns a cache whose janitor runs every interval.
func New(ttl, interval time.Duration) *TTLCache {
	c := &TTLCache{items: make(map[string]entry), ttl: ttl}
	go func() {
		for now := range time.Tick(interval) {
			for k, e := range c.items { // want "TTLCache.items is iterated without c.mu.*runs on a goroutine"
				if now.After(e.expires) {
					delete(c.items, k) // want "TTLCache.items is deleted from without c.mu"
				}
			}
		}
	}()
	return c
}

// Set stores v under k.
func (c *TTLCache) Set(k string, v []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k] = entry{val: v, expires: time.Now().Add(c.ttl)}
}

// Get returns k's value if it has not expired.
func (c *TTLCache) Get(k string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok || time.Now().After(e.expires) {
		return nil, false
	}
	return e.val, true
}

// Delete removes k.
func (c *TTLCache) Delete(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.items, k)
}

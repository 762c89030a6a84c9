// Package cachelen: every method of Cache takes c.mu around items except
// Len, which reads the map bare while Put may be growing it.
package cachelen

import "sync"

// Cache is a byte cache safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	items map[string][]byte
}

// New returns an empty cache.
func New() *Cache {
	return &Cache{items: make(map[string][]byte)}
}

// Get returns k's value.
func (c *Cache) Get(k string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[k]
	return v, ok
}

// Put stores v under k.
func (c *Cache) Put(k string, v []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k] = v
}

// Delete removes k.
func (c *Cache) Delete(k string) {
	c.mu.Lock()
	delete(c.items, k)
	c.mu.Unlock()
}

// Len returns the number of entries. BUG: no lock.
func (c *Cache) Len() int {
	return len(c.items) // want "Cache.items is read \(len\) without c.mu, which is held around it in 3 of the 4 methods"
}

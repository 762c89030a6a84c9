// Package cleanalllocked: every access to items holds c.mu (an RWMutex:
// readers share RLock, writers take Lock).
package cleanalllocked

import "sync"

// Cache is a byte cache safe for concurrent use.
type Cache struct {
	mu    sync.RWMutex
	items map[string][]byte
}

// New returns an empty cache.
func New() *Cache {
	return &Cache{items: make(map[string][]byte)}
}

// Get returns k's value.
func (c *Cache) Get(k string) []byte {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.items[k]
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
	defer c.mu.Unlock()
	delete(c.items, k)
}

// Len returns the number of entries.
func (c *Cache) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.items)
}

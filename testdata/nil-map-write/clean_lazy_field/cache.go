// Package cleanlazyfield: the zero value is usable; Put makes the map on
// first use.
package cleanlazyfield

import "sync"

// Cache is usable as a zero value.
type Cache struct {
	mu    sync.Mutex
	items map[string][]byte
}

// Put stores v under k.
func (c *Cache) Put(k string, v []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.items == nil {
		c.items = make(map[string][]byte)
	}
	c.items[k] = v
}

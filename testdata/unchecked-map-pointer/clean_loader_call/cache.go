// Package cleanloadercall: a method that is given the key fills the map
// before the lookup.
package cleanloadercall

import "sync"

// Cache loads buffers on demand.
type Cache struct {
	mu   sync.Mutex
	bufs map[string]*[]byte
	load func(string) []byte
}

func (c *Cache) ensure(k string) {
	if _, ok := c.bufs[k]; !ok {
		b := c.load(k)
		c.bufs[k] = &b
	}
}

// Size returns the length of k's buffer, loading it first.
func (c *Cache) Size(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ensure(k)
	return len(*c.bufs[k])
}

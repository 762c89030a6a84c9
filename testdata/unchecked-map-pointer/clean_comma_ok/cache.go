// Package cleancommaok: every pointer read from the map is checked with the
// comma-ok form, nil checks, or both, as in the fixed incident cache.
package cleancommaok

import "sync"

// Cache keeps one byte buffer per key.
type Cache struct {
	mu   sync.Mutex
	bufs map[string]*[]byte
}

// Append appends b to k's buffer; it does nothing if k is absent.
func (c *Cache) Append(k string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.bufs[k]
	if !ok || p == nil {
		return
	}
	*p = append(*p, b...)
}

// Size returns the size of k's buffer (0 if absent).
func (c *Cache) Size(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.bufs[k]; !ok {
		return 0
	}
	return len(*c.bufs[k])
}

// Has reports whether k has a non-empty buffer.
func (c *Cache) Has(k string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.bufs[k]; ok {
		return len(*p) > 0
	}
	return false
}

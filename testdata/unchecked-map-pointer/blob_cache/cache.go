// Package blobcache is seed 004's cache: map[string]*[]byte buffers
// dereferenced straight out of the map. A key that was never Put (or was
// evicted) yields a nil *[]byte and the process dies with SIGSEGV.
package blobcache

import "sync"

// Cache keeps one byte buffer per key.
type Cache struct {
	mu   sync.Mutex
	bufs map[string]*[]byte
}

// New returns an empty cache.
func New() *Cache {
	return &Cache{bufs: make(map[string]*[]byte)}
}

// Put stores a copy of b under k.
func (c *Cache) Put(k string, b []byte) {
	buf := append([]byte(nil), b...)
	c.mu.Lock()
	c.bufs[k] = &buf
	c.mu.Unlock()
}

// Append appends b to k's buffer.
func (c *Cache) Append(k string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	*c.bufs[k] = append(*c.bufs[k], b...) // want "Pointer read from map c.bufs is dereferenced without a nil check"
}

// SetByte overwrites byte i of k's buffer.
func (c *Cache) SetByte(k string, i int, v byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	(*c.bufs[k])[i] = v // want unchecked-map-pointer
}

// Size returns the length of k's buffer.
func (c *Cache) Size(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(*c.bufs[k]) // want "nil \*\[\]byte"
}

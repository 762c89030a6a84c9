// Package blobcache is seed 004's cache: a map[string]*[]byte that is
// filled on every miss and never evicted, so memory grows with every new key.
package blobcache

import "sync"

// BlobCache keeps one byte buffer per key.
type BlobCache struct {
	mu sync.Mutex
	m  map[string]*[]byte
}

// New returns an empty cache.
func New() *BlobCache {
	return &BlobCache{m: make(map[string]*[]byte)}
}

// Get returns k's buffer, loading it on a miss.
func (c *BlobCache) Get(k string, load func(string) []byte) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.m[k]; ok && p != nil {
		return *p
	}
	b := load(k)
	c.m[k] = &b // want "Map c.m only grows.*field of BlobCache.*owns a mutex.*byte buffer"
	return b
}

// Put stores a copy of b under k.
func (c *BlobCache) Put(k string, b []byte) {
	buf := append([]byte(nil), b...)
	c.mu.Lock()
	c.m[k] = &buf
	c.mu.Unlock()
}

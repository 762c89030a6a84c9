// Package cleanevictingcache: the blob cache evicts on Delete.
package cleanevictingcache

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

// Put stores a copy of b under k.
func (c *BlobCache) Put(k string, b []byte) {
	buf := append([]byte(nil), b...)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = &buf
}

// Delete evicts k.
func (c *BlobCache) Delete(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, k)
}

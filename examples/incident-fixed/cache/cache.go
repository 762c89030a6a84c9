// Package cache is the incident's blob cache, fixed: one mutex guards the
// map[string]*[]byte and every buffer it points to, pointers read from the map
// are checked before use, and Put stores a copy of the caller's bytes.
package cache

import "sync"

// BlobCache keeps one byte buffer per key. It is safe for concurrent use.
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

// Append appends b to k's buffer; it does nothing if k is absent.
func (c *BlobCache) Append(k string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[k]
	if !ok || p == nil {
		return
	}
	*p = append(*p, b...)
}

// SetByte overwrites byte i of k's buffer if it exists.
func (c *BlobCache) SetByte(k string, i int, v byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[k]
	if !ok || p == nil || i < 0 || i >= len(*p) {
		return
	}
	(*p)[i] = v
}

// Len returns the size of k's buffer (0 if absent).
func (c *BlobCache) Len(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[k]
	if !ok || p == nil {
		return 0
	}
	return len(*p)
}

// Delete evicts k.
func (c *BlobCache) Delete(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, k)
}

// Prefetch loads every key from the backing store, one goroutine per key.
func (c *BlobCache) Prefetch(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func(k string) {
			defer wg.Done()
			c.Put(k, []byte("blob:"+k))
		}(k)
	}
	wg.Wait()
}

// Load assembles key from its parts, one goroutine per part, and stamps the
// number of the last part written into the header byte.
func (c *BlobCache) Load(key string, parts [][]byte) {
	c.Put(key, []byte{0})
	var wg sync.WaitGroup
	for n, p := range parts {
		wg.Add(1)
		go func(n int, p []byte) {
			defer wg.Done()
			c.Append(key, p)
			c.SetByte(key, 0, byte(n))
		}(n, p)
	}
	wg.Wait()
}

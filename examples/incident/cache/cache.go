// Package cache is the incident's blob cache: a map[string]*[]byte, the shape
// from seed 004. Nothing here takes a lock, yet Prefetch and Load run their
// work on several goroutines at once.
package cache

import "sync"

// BlobCache keeps one byte buffer per key.
type BlobCache struct {
	m map[string]*[]byte
}

// New returns an empty cache.
func New() *BlobCache {
	return &BlobCache{m: make(map[string]*[]byte)}
}

// Put stores a copy of b under k.
func (c *BlobCache) Put(k string, b []byte) {
	buf := append([]byte(nil), b...)
	c.m[k] = &buf // map write: Prefetch runs Put on many goroutines
}

// Append appends b to k's buffer.
func (c *BlobCache) Append(k string, b []byte) {
	*c.m[k] = append(*c.m[k], b...) // every Load goroutine appends to the same *[]byte
}

// SetByte overwrites byte i of k's buffer.
func (c *BlobCache) SetByte(k string, i int, v byte) {
	(*c.m[k])[i] = v // element write into the same backing array, no lock
}

// Len returns the size of k's buffer.
func (c *BlobCache) Len(k string) int {
	return len(*c.m[k])
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

// Package cleanrwmutex: Get looks up under RLock and, on a miss, releases the
// read lock and writes under the write lock. Readers share, writers exclude
// everyone. Safe.
package cleanrwmutex

import (
	"strings"
	"sync"
)

// Cache memoizes normalized names.
type Cache struct {
	mu    sync.RWMutex
	items map[string]string
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{items: make(map[string]string)} }

// Get returns the normalized form of k.
func (c *Cache) Get(k string) string {
	c.mu.RLock()
	v, ok := c.items[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	v = strings.ToLower(k)
	c.mu.Lock()
	c.items[k] = v
	c.mu.Unlock()
	return v
}

// WarmUp loads keys concurrently.
func (c *Cache) WarmUp(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func(k string) {
			defer wg.Done()
			c.Get(k)
		}(k)
	}
	wg.Wait()
}

// Package rlockwrite: Get fills the cache on a miss while holding only the
// read lock. Read locks do not exclude each other, so two WarmUp goroutines
// write the map at the same time (and race with each other's lookups).
// Set writes under the write lock, which does exclude RLock holders: not reported.
package rlockwrite

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
	defer c.mu.RUnlock()
	v, ok := c.items[k]
	if !ok {
		v = strings.ToLower(k)
		c.items[k] = v // want map-race
	}
	return v
}

// Set overrides the normalized form of k.
func (c *Cache) Set(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k] = v
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

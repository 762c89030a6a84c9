// Package pointertobuf is the seed 004 anti-pattern `m[key] = &buf`: a
// map[string]*[]byte cache filled from a loop that reuses one buf variable.
// Every entry holds the same pointer, so every key sees the last value.
package pointertobuf

import "os"

// Cache holds file contents by name.
type Cache struct {
	entries map[string]*[]byte
}

// NewCache returns an empty Cache.
func NewCache() *Cache {
	return &Cache{entries: make(map[string]*[]byte)}
}

// Preload reads every file once and caches its contents.
func (c *Cache) Preload(names []string) error {
	var buf []byte
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		buf = data
		c.entries[name] = &buf // want "&buf points at a variable this loop reuses"
	}
	return nil
}

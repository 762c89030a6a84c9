// Package cleanmethodinit: the literal leaves the map out, but a method that
// sets it runs before the write; or the value is handed to a loader first.
package cleanmethodinit

// Cache holds blobs.
type Cache struct {
	name  string
	items map[string][]byte
}

func (c *Cache) reset() {
	c.items = make(map[string][]byte)
}

// Warm returns a cache holding seed.
func Warm(name string, seed map[string][]byte) *Cache {
	c := &Cache{name: name}
	c.reset()
	for k, v := range seed {
		c.items[k] = v
	}
	return c
}

// Loaded returns a cache filled by load, plus one extra entry.
func Loaded(load func(*Cache)) *Cache {
	c := &Cache{name: "loaded"}
	load(c)
	c.items["extra"] = nil
	return c
}

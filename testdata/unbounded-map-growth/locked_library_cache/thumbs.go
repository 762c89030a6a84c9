// Package lockedlibrarycache: a library keeps a thumbnail for every path it
// was ever asked about, in a mutex-guarded package-level map (so callers use
// it concurrently for as long as their program runs).
package lockedlibrarycache

import "sync"

var (
	mu     sync.Mutex
	thumbs = map[string][]byte{}
)

// Thumbnail returns the thumbnail of path, rendering it on a miss.
func Thumbnail(path string, render func(string) []byte) []byte {
	mu.Lock()
	defer mu.Unlock()
	if b, ok := thumbs[path]; ok {
		return b
	}
	b := render(path)
	thumbs[path] = b // want "Map thumbs only grows.*byte buffer"
	return b
}

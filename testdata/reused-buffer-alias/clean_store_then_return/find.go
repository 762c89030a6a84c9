// Package cleanstorethenreturn stores an alias of the buffer and leaves the
// loop at once: nothing rewrites the buffer afterwards.
package cleanstorethenreturn

import (
	"bytes"
	"io"
)

// Finder remembers the first chunk that contains a marker.
type Finder struct {
	Match []byte
}

// Find reads r until a chunk contains marker.
func (f *Finder) Find(r io.Reader, marker []byte) bool {
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		if bytes.Contains(buf[:n], marker) {
			f.Match = buf[:n]
			return true
		}
		if err != nil {
			return false
		}
	}
}

// FirstLong keeps the first line longer than min and stops scanning.
func FirstLong(r io.Reader, min int) map[string][]byte {
	found := make(map[string][]byte)
	buf := make([]byte, 256)
	for i := 0; ; i++ {
		n, err := r.Read(buf)
		if n > min {
			found["first"] = buf[:n]
			break
		}
		if err != nil {
			break
		}
	}
	return found
}

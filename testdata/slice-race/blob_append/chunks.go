// Package blobappend: upload parts arrive on their own goroutines and each
// appends to the object's buffer through the map-held pointer,
// *m[k] = append(*m[k], ...). Two goroutines read and replace the same slice
// header and may write the same spare capacity: the appends race.
package blobappend

import "sync"

// Uploads assembles multipart uploads per object key.
type Uploads struct {
	parts map[string]*[]byte
}

// NewUploads returns an assembler with an empty buffer for key.
func NewUploads(key string) *Uploads {
	b := make([]byte, 0, 1024)
	return &Uploads{parts: map[string]*[]byte{key: &b}}
}

// Receive appends every part to key's buffer, one goroutine per part.
func (u *Uploads) Receive(key string, parts [][]byte) {
	var wg sync.WaitGroup
	for _, part := range parts {
		wg.Add(1)
		go func(part []byte) {
			defer wg.Done()
			*u.parts[key] = append(*u.parts[key], part...) // want slice-race
		}(part)
	}
	wg.Wait()
}

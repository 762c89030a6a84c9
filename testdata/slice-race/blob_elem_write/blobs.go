// Package blobelemwrite: seed 004's shape. A map[string]*[]byte holds one
// buffer per key; StampAll starts a goroutine per tag and each writes the
// buffer's header bytes through (*m[k])[i]. The map is only read, but every
// goroutine writes the same backing array: element writes race.
package blobelemwrite

import "sync"

// Store keeps one byte buffer per object key.
type Store struct {
	blobs map[string]*[]byte
}

// NewStore returns a store with a 64-byte buffer for each key.
func NewStore(keys ...string) *Store {
	s := &Store{blobs: make(map[string]*[]byte)}
	for _, k := range keys {
		b := make([]byte, 64)
		s.blobs[k] = &b
	}
	return s
}

// StampAll writes every tag into the header of key's buffer, concurrently.
func (s *Store) StampAll(key string, tags [][]byte) {
	var wg sync.WaitGroup
	for _, tag := range tags {
		wg.Add(1)
		go func(tag []byte) {
			defer wg.Done()
			for i, b := range tag {
				(*s.blobs[key])[i] = b // want slice-race
			}
		}(tag)
	}
	wg.Wait()
}

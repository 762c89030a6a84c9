// Package cleanblobmutex: the twin of blob_elem_write and blob_append. The
// map[string]*[]byte and the buffers it points to are only read or written
// while holding s.mu, so stamping and appending from goroutines is safe.
package cleanblobmutex

import "sync"

// Store keeps one byte buffer per object key.
type Store struct {
	mu    sync.Mutex
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

func (s *Store) stamp(key string, tag []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.blobs[key]
	if !ok || p == nil {
		return
	}
	for i, b := range tag {
		(*p)[i] = b
	}
	*p = append(*p, '|')
}

// StampAll writes every tag into the header of key's buffer, concurrently.
func (s *Store) StampAll(key string, tags [][]byte) {
	var wg sync.WaitGroup
	for _, tag := range tags {
		wg.Add(1)
		go func(tag []byte) {
			defer wg.Done()
			s.stamp(key, tag)
		}(tag)
	}
	wg.Wait()
}

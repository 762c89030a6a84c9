// Package cleanclear: the pending map is cleared after every batch.
package cleanclear

import "sync"

// Batcher collects pending writes.
type Batcher struct {
	mu      sync.Mutex
	pending map[string][]byte
}

// NewBatcher returns an empty batcher.
func NewBatcher() *Batcher {
	return &Batcher{pending: make(map[string][]byte)}
}

// Add queues b under k.
func (b *Batcher) Add(k string, v []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pending[k] = v
}

// Flush hands the batch to write and empties it.
func (b *Batcher) Flush(write func(string, []byte)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for k, v := range b.pending {
		write(k, v)
	}
	clear(b.pending)
}

// Package methodvalue: Start launches `go s.evictLoop()`, a method value that
// deletes from the struct-field map, while clients keep calling Put, which
// writes the same map without a lock.
package methodvalue

// Store is a key/value store with background eviction.
type Store struct {
	data  map[string]string
	evict chan string
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{data: make(map[string]string), evict: make(chan string)}
}

// Start launches the eviction loop.
func (s *Store) Start() { go s.evictLoop() }

func (s *Store) evictLoop() {
	for k := range s.evict {
		delete(s.data, k) // want map-race
	}
}

// Put stores v under k.
func (s *Store) Put(k, v string) {
	s.data[k] = v // want map-race
}

// Expire asks the loop to evict k.
func (s *Store) Expire(k string) { s.evict <- k }

// Stop ends the eviction loop.
func (s *Store) Stop() { close(s.evict) }

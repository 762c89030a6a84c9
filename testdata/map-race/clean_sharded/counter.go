// Package cleansharded: a sharded counter. Each key hashes to one shard, and
// each shard's map is only touched while holding that shard's mutex. Safe.
package cleansharded

import (
	"hash/fnv"
	"sync"
)

const shardCount = 16

type shard struct {
	mu     sync.Mutex
	counts map[string]int
}

// Counter counts events by name with a lock per shard.
type Counter struct {
	shards [shardCount]shard
}

// NewCounter returns a counter with empty shards.
func NewCounter() *Counter {
	c := &Counter{}
	for i := range c.shards {
		c.shards[i].counts = make(map[string]int)
	}
	return c
}

func (c *Counter) shardFor(name string) *shard {
	h := fnv.New32a()
	h.Write([]byte(name))
	return &c.shards[h.Sum32()%shardCount]
}

// Inc counts one event.
func (c *Counter) Inc(name string) {
	s := c.shardFor(name)
	s.mu.Lock()
	s.counts[name]++
	s.mu.Unlock()
}

// Get returns the count for name.
func (c *Counter) Get(name string) int {
	s := c.shardFor(name)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[name]
}

// IncAll counts every name on its own goroutine.
func (c *Counter) IncAll(names []string) {
	var wg sync.WaitGroup
	for _, name := range names {
		wg.Add(1)
		go func(name string) {
			defer wg.Done()
			c.Inc(name)
		}(name)
	}
	wg.Wait()
}

// Package cleanmutex is the seed program fixed the usual way: every access to
// the index map (the ten writers and Len) holds the same mutex, released by
// defer. Safe.
package cleanmutex

import (
	"runtime"
	"sync"
)

// IDIndex maps ids to their position in a batch.
type IDIndex struct {
	mu sync.Mutex
	m  map[int]int
}

func (x *IDIndex) set(k, v int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.m[k] = v
}

// Len returns the number of indexed ids.
func (x *IDIndex) Len() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.m)
}

// IndexIDs fills the index from ten workers while a monitor polls Len.
func IndexIDs() *IDIndex {
	x := &IDIndex{m: make(map[int]int)}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := 0; j < 1000; j++ {
				x.set(id*1000+j, j)
			}
		}(i)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for x.Len() < 10000 {
			runtime.Gosched()
		}
	}()
	wg.Wait()
	return x
}

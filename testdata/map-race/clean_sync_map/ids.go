// Package cleansyncmap is the seed program with sync.Map instead of a plain
// map: Store and Load are safe from any goroutine.
package cleansyncmap

import "sync"

// IndexIDs stores id*1000+j -> j from ten workers and returns the index.
func IndexIDs() *sync.Map {
	var m sync.Map
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := 0; j < 1000; j++ {
				m.Store(id*1000+j, j)
				m.Load(j)
			}
		}(i)
	}
	wg.Wait()
	return &m
}

// Command incident-fixed is examples/incident with its concurrency bugs fixed;
// go-hazard reports nothing here.
//
//   - buildIndex's loaders write the shared index under a mutex;
//   - cache.BlobCache guards its map and the buffers it points to with one
//     mutex, checks every pointer it reads from the map, and can evict keys.
package main

import (
	"fmt"
	"sync"

	"example.com/incident-fixed/cache"
)

// buildIndex maps record id*1000+j to its offset j, with ten loaders.
func buildIndex() map[int]int {
	var mu sync.Mutex
	m := make(map[int]int)
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := 0; j < 1000; j++ {
				mu.Lock()
				m[id*1000+j] = j
				mu.Unlock()
			}
		}(i)
	}
	wg.Wait()
	return m
}

func main() {
	blobs := cache.New()
	blobs.Prefetch([]string{"users", "orders", "invoices", "sessions"})

	parts := make([][]byte, 8)
	for i := range parts {
		parts[i] = []byte("part-data;")
	}
	blobs.Load("manifest", parts)
	blobs.Delete("sessions")

	index := buildIndex()
	fmt.Printf("indexed %d records, manifest is %d bytes\n", len(index), blobs.Len("manifest"))
}

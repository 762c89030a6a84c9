// Command incident is go-hazard's bundled example: a tiny ingest service that
// reproduces the incidents from the seed write-ups. It has three concurrency
// bugs, and go-hazard reports each one (see README.md):
//
//   - buildIndex fills one map from ten goroutines with no lock (the seed 000
//     program): "fatal error: concurrent map writes";
//   - cache.BlobCache.Prefetch stores blobs into its map[string]*[]byte from
//     one goroutine per key;
//   - cache.BlobCache.Load appends to and stamps the same *[]byte from one
//     goroutine per part (seed 004).
package main

import (
	"fmt"
	"sync"

	"example.com/incident/cache"
)

// buildIndex maps record id*1000+j to its offset j, with ten loaders.
func buildIndex() map[int]int {
	m := make(map[int]int)
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := 0; j < 1000; j++ {
				m[id*1000+j] = j // ten goroutines write m with no lock
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

	index := buildIndex()
	fmt.Printf("indexed %d records, manifest is %d bytes\n", len(index), blobs.Len("manifest"))
}

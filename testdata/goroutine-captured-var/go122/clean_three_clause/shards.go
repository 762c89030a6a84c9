// Package cleanthreeclause is go121/three_clause under Go 1.22.
package cleanthreeclause

import "sync"

// Rebuild rebuilds every shard concurrently.
func Rebuild(shards [][]int, rebuild func(int, []int) []int) {
	var wg sync.WaitGroup
	for i := 0; i < len(shards); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shards[i] = rebuild(i, shards[i])
		}()
	}
	wg.Wait()
}

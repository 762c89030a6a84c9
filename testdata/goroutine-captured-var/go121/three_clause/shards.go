// Package threeclause uses the variable of a three-clause loop inside the
// goroutines it starts: all of them read the same i, which the loop keeps
// incrementing (and which ends at n, out of range).
package threeclause

import "sync"

// Rebuild rebuilds every shard concurrently.
func Rebuild(shards [][]int, rebuild func(int, []int) []int) {
	var wg sync.WaitGroup
	for i := 0; i < len(shards); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shards[i] = rebuild(i, shards[i]) // want "loop variable i.*go func\(i int\) \{ ... \}\(i\)"
		}()
	}
	wg.Wait()
}

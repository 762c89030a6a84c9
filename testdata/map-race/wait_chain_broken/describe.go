// Package waitchainbroken: refresh describes the clusters on a goroutine of
// its own and waits for it, but describe returns without waiting for the
// goroutines that fill the map: refresh's reads race with their writes.
package waitchainbroken

import (
	"strconv"
	"sync"
)

func describe(names []string) map[string]int {
	var mu sync.Mutex
	out := make(map[string]int)
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func(i int, n string) {
			defer wg.Done()
			mu.Lock()
			out[n] = i // want map-race
			mu.Unlock()
		}(i, n)
	}
	return out
}

// Refresh describes the clusters in the background and counts them.
func Refresh(n int) int {
	names := make([]string, n)
	for i := range names {
		names[i] = "c" + strconv.Itoa(i)
	}
	var clusters map[string]int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		clusters = describe(names)
	}()
	wg.Wait()
	total := 0
	for _, name := range names {
		total += clusters[name]
	}
	return total
}

// Package cleanwaitchain: refresh describes the clusters on a goroutine of its
// own and waits for it; describe fills the map on goroutines of its own and
// waits for them before it returns. The waits chain: every write of the map
// comes before describe returns, which comes before refresh reads it. Safe.
package cleanwaitchain

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
			out[n] = i
			mu.Unlock()
		}(i, n)
	}
	wg.Wait()
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

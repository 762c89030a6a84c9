// Package cleangoroutinelocal: each crawler goroutine creates its own
// "seen" map; no map is shared. Each result goes to the goroutine's own slot.
package cleangoroutinelocal

import (
	"strings"
	"sync"
)

// UniqueLinks returns, per page, the number of distinct links on it.
func UniqueLinks(pages []string) []int {
	counts := make([]int, len(pages))
	var wg sync.WaitGroup
	for i, page := range pages {
		wg.Add(1)
		go func(i int, page string) {
			defer wg.Done()
			seen := make(map[string]bool)
			for _, link := range strings.Fields(page) {
				seen[link] = true
			}
			counts[i] = len(seen)
		}(i, page)
	}
	wg.Wait()
	return counts
}

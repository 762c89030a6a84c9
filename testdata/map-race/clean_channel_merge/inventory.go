// Package cleanchannelmerge: workers send their results on a channel and only
// the collecting goroutine (the caller) writes the totals map. Safe.
package cleanchannelmerge

import "sync"

type stock struct {
	sku string
	qty int
}

// Totals sums the stock reported by every warehouse.
func Totals(warehouses [][]string) map[string]int {
	results := make(chan stock)
	var wg sync.WaitGroup
	for _, skus := range warehouses {
		wg.Add(1)
		go func(skus []string) {
			defer wg.Done()
			for _, sku := range skus {
				results <- stock{sku: sku, qty: 1}
			}
		}(skus)
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	totals := make(map[string]int)
	for r := range results {
		totals[r.sku] += r.qty
	}
	return totals
}

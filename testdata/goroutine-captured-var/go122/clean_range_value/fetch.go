// Package cleanrangevalue is go121/range_value under Go 1.22: each iteration
// has its own u, so the goroutines are correct.
package cleanrangevalue

import (
	"net/http"
	"sync"
)

// StatusCodes fetches every URL concurrently and returns the status codes.
func StatusCodes(urls []string) map[string]int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	codes := make(map[string]int, len(urls))
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(u)
			if err != nil {
				return
			}
			resp.Body.Close()
			mu.Lock()
			codes[u] = resp.StatusCode
			mu.Unlock()
		}()
	}
	wg.Wait()
	return codes
}

// Package rangevalue starts one goroutine per URL and uses the range value
// inside it. Under Go 1.21 there is one u for the whole loop: the goroutines
// fetch whatever u holds when they run, often the last URL, several times.
package rangevalue

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
			resp, err := http.Get(u) // want "goroutine started at line 18 uses loop variable u, which all iterations share under Go 1.21 \(go.mod\)"
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

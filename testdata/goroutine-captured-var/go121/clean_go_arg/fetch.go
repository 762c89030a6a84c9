// Package cleangoarg passes the loop variable to the goroutine as an argument.
package cleangoarg

import (
	"net/http"
	"sync"
)

// StatusCodes fetches every URL concurrently.
func StatusCodes(urls []string) []int {
	codes := make([]int, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		go func(i int, u string) {
			defer wg.Done()
			resp, err := http.Get(u)
			if err != nil {
				return
			}
			resp.Body.Close()
			codes[i] = resp.StatusCode
		}(i, u)
	}
	wg.Wait()
	return codes
}

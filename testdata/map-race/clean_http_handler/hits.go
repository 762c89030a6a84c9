// Package cleanhttphandler: the twin of http_handler. The package-level
// hit counter is only touched under hitsMu, so concurrent requests are safe.
package cleanhttphandler

import (
	"fmt"
	"net/http"
	"sync"
)

var (
	hitsMu sync.Mutex
	hits   = map[string]int{}
)

func init() {
	http.HandleFunc("/visit/", func(w http.ResponseWriter, r *http.Request) {
		hitsMu.Lock()
		hits[r.URL.Path]++
		n := hits[r.URL.Path]
		hitsMu.Unlock()
		fmt.Fprintln(w, n)
	})
}

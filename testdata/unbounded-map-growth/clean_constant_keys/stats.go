// Package cleanconstantkeys: the keys written are constants, so the map has
// a fixed number of entries.
package cleanconstantkeys

import (
	"net/http"
	"sync"
)

const (
	keyHits   = "hits"
	keyErrors = "errors"
)

var (
	mu    sync.Mutex
	stats = map[string]int{}
)

// Observe counts one response.
func Observe(code int) {
	mu.Lock()
	defer mu.Unlock()
	stats[keyHits]++
	if code >= http.StatusInternalServerError {
		stats[keyErrors]++
		stats["last_error_code"] = code
	}
}

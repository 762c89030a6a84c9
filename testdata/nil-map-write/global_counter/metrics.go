// Package globalcounter counts requests per path in a package-level map that
// is declared but never made: the first Record panics.
package globalcounter

import "net/http"

// hits counts requests by path. BUG: never initialized.
var hits map[string]int

// Record counts one request.
func Record(r *http.Request) {
	hits[r.URL.Path]++ // want nil-map-write
}

// Hits returns the count for path (reading a nil map is fine).
func Hits(path string) int {
	return hits[path]
}

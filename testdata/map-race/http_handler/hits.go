// Package httphandler: a page-hit counter on a package-level map, incremented
// by an http.HandleFunc handler. net/http serves every connection on its own
// goroutine, so concurrent requests increment the map at the same time.
package httphandler

import (
	"fmt"
	"net/http"
)

var hits = map[string]int{}

func init() {
	http.HandleFunc("/visit/", func(w http.ResponseWriter, r *http.Request) {
		hits[r.URL.Path]++ // want map-race
		fmt.Fprintln(w, "ok")
	})
}

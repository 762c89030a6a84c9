// Package cleanshortlived: maps that live for one request or one call are
// not long-lived, however they are filled.
package cleanshortlived

import (
	"net/http"
	"strings"
)

// wordCounter counts words of one document.
type wordCounter struct {
	counts map[string]int
}

func (wc *wordCounter) add(text string) {
	for _, w := range strings.Fields(text) {
		wc.counts[w]++
	}
}

// Handle counts the words of the request's form value.
func Handle(w http.ResponseWriter, r *http.Request) {
	seen := map[string]bool{}
	for _, v := range r.Form["tag"] {
		seen[v] = true
	}
	wc := &wordCounter{counts: map[string]int{}}
	wc.add(r.FormValue("text"))
	w.WriteHeader(len(seen) + len(wc.counts))
}

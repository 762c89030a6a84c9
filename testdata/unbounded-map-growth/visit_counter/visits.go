// Package visitcounter counts visits per client address in a package-level
// map that is never pruned: every new address adds a key forever.
package visitcounter

import (
	"fmt"
	"net/http"
	"sync"
)

var (
	mu     sync.Mutex
	visits = map[string]int{}
)

func countVisit(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	visits[r.RemoteAddr]++ // want "Map visits only grows.*package-level variable.*Entries are small \(int\)"
	n := visits[r.RemoteAddr]
	mu.Unlock()
	fmt.Fprintf(w, "visit %d\n", n)
}

// Register installs the counter.
func Register(mux *http.ServeMux) {
	mux.HandleFunc("/", countVisit)
}

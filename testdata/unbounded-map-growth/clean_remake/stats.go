// Package cleanremake: the counters are swapped for a fresh map on every
// flush.
package cleanremake

import (
	"fmt"
	"io"
	"sync"
)

var (
	mu     sync.Mutex
	counts = map[string]int{}
)

// Inc counts one event for path.
func Inc(path string) {
	mu.Lock()
	counts[path]++
	mu.Unlock()
}

// Flush writes the counters and starts anew.
func Flush(w io.Writer) {
	mu.Lock()
	old := counts
	counts = make(map[string]int)
	mu.Unlock()
	for k, v := range old {
		fmt.Fprintf(w, "%s %d\n", k, v)
	}
}

// Package cleanwaitthenread: the twin of package_var. The parent writes the
// package-level table before the go statement, one goroutine writes it, and
// the parent reads it only after wg.Wait(). All accesses are ordered. Safe.
package cleanwaitthenread

import (
	"sync"
	"time"
)

var lastSeen = map[string]time.Time{}

// Touch records ids in the background and reports whether "admin" was seen.
func Touch(ids []string) bool {
	lastSeen["boot"] = time.Now()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, id := range ids {
			lastSeen[id] = time.Now()
		}
	}()
	wg.Wait()
	_, admin := lastSeen["admin"]
	return admin
}

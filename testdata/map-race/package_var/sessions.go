// Package packagevar: a package-level session table is written by a goroutine
// while the function that started it reads the table right after the go
// statement. The read is not ordered with the writes (it happens before <-done).
package packagevar

import "time"

var lastSeen = map[string]time.Time{}

// Touch records ids in the background and reports whether "admin" was seen.
func Touch(ids []string) bool {
	done := make(chan struct{})
	go func() {
		for _, id := range ids {
			lastSeen[id] = time.Now() // want map-race
		}
		close(done)
	}()
	_, admin := lastSeen["admin"]
	<-done
	return admin
}

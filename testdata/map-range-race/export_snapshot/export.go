// Package exportsnapshot: `go export(active, out)` hands the sessions map to
// a goroutine that ranges over it, while the caller goes on writing the map
// after the go statement.
package exportsnapshot

func export(sessions map[string]string, out chan<- int) {
	n := 0
	for id := range sessions { // want map-range-race
		if id != "" {
			n++
		}
	}
	out <- n
}

// Rotate starts an export of the current sessions and, meanwhile, logs in
// the users of the next batch.
func Rotate(sessions map[string]string, next []string) int {
	out := make(chan int)
	go export(sessions, out)
	for _, id := range next {
		sessions[id] = "new"
	}
	return <-out
}

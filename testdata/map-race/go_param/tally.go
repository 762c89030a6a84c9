// Package goparam: `go countWords(counts, ...)` hands the map to a goroutine
// that writes its parameter, while the caller keeps writing the same map
// before it waits. Two writers, no lock: both writes race.
package goparam

func countWords(counts map[string]int, words []string, done chan<- struct{}) {
	for _, w := range words {
		counts[w]++ // want map-race
	}
	close(done)
}

// Tally counts words and, at the same time, their "#"-tagged variants.
func Tally(words []string) map[string]int {
	counts := make(map[string]int)
	done := make(chan struct{})
	go countWords(counts, words, done)
	for _, w := range words {
		counts["#"+w]++ // want map-race
	}
	<-done
	return counts
}

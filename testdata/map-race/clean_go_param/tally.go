// Package cleangoparam: the twin of go_param. The caller writes the map before
// `go countWords(counts, ...)` and touches it again only after <-done, which
// the goroutine closes when it has finished writing. Ordered handoff. Safe.
package cleangoparam

func countWords(counts map[string]int, words []string, done chan<- struct{}) {
	for _, w := range words {
		counts[w]++
	}
	close(done)
}

// Tally counts words, then their "#"-tagged variants.
func Tally(words []string) map[string]int {
	counts := make(map[string]int)
	counts["#total"] = len(words)
	done := make(chan struct{})
	go countWords(counts, words, done)
	<-done
	for _, w := range words {
		counts["#"+w]++
	}
	return counts
}

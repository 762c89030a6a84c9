// Package cleanmergeafterwait: every worker counts words into a map it
// created itself and stores it in its own slot; the parent merges the maps
// only after wg.Wait(). Safe.
package cleanmergeafterwait

import (
	"strings"
	"sync"
)

// WordCount counts words across documents with one worker per document.
func WordCount(docs []string) map[string]int {
	parts := make([]map[string]int, len(docs))
	var wg sync.WaitGroup
	for i, doc := range docs {
		wg.Add(1)
		go func(i int, doc string) {
			defer wg.Done()
			local := make(map[string]int)
			for _, w := range strings.Fields(doc) {
				local[w]++
			}
			parts[i] = local
		}(i, doc)
	}
	wg.Wait()
	total := make(map[string]int)
	for _, part := range parts {
		for w, n := range part {
			total[w] += n
		}
	}
	return total
}

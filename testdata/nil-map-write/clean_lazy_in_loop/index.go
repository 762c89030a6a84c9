// Package cleanlazyinloop: maps made lazily inside the loop, before the write
// or on an earlier iteration.
package cleanlazyinloop

// Index maps words to the lines that contain them.
func Index(lines [][]string) map[string][]int {
	var idx map[string][]int
	for n, words := range lines {
		for _, w := range words {
			if idx == nil {
				idx = make(map[string][]int)
			}
			idx[w] = append(idx[w], n)
		}
	}
	return idx
}

// Dedupe keeps the first occurrence of each id; the set is made at the end of
// the first iteration, which never writes to it.
func Dedupe(ids []string) []string {
	var seen map[string]bool
	var out []string
	for i, id := range ids {
		if i > 0 {
			if seen[id] {
				continue
			}
			seen[id] = true
		} else {
			out = append(out, id)
		}
		if seen == nil {
			seen = map[string]bool{id: true}
		}
		if i > 0 {
			out = append(out, id)
		}
	}
	return out
}

// Package namedresult parses "Key: value" lines into a named result that is
// never made.
package namedresult

import "strings"

// ParseHeaders parses header lines; malformed lines are skipped.
func ParseHeaders(lines []string) (h map[string]string, bad int) {
	for _, l := range lines {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			bad++
			continue
		}
		h[strings.TrimSpace(k)] = strings.TrimSpace(v) // want "Named result h starts as nil"
	}
	return h, bad
}

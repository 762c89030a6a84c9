// Package cleanbatchtool: a memo table of a batch tool (no network, no
// locks): it lives as long as one run over a fixed input.
package cleanbatchtool

import "path/filepath"

var resolved = map[string]string{}

// Resolve returns the absolute form of p, memoized.
func Resolve(p string) string {
	if r, ok := resolved[p]; ok {
		return r
	}
	r, err := filepath.Abs(p)
	if err != nil {
		r = p
	}
	resolved[p] = r
	return r
}

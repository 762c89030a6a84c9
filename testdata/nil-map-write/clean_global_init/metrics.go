// Package cleanglobalinit: the package-level map is made in init.
package cleanglobalinit

var hits map[string]int

func init() {
	hits = make(map[string]int)
}

// Record counts one request for path.
func Record(path string) {
	hits[path]++
}

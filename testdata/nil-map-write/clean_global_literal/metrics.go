// Package cleangloballiteral: the package-level map has a literal value, and
// another one is assigned by Reset before any write.
package cleangloballiteral

var hits = map[string]int{}

var errorsByCode map[int]int

// Record counts one request.
func Record(path string, code int) {
	hits[path]++
	if code >= 500 {
		errorsByCode[code]++
	}
}

// Reset starts counting anew.
func Reset() {
	hits = map[string]int{}
	errorsByCode = make(map[int]int)
}

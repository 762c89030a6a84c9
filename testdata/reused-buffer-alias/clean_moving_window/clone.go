// Package cleanmovingwindow carves one allocation into consecutive regions,
// one per iteration: the stored slices share an array but never overlap.
package cleanmovingwindow

// CloneHeader deep-copies a header map with a single backing array for all values.
func CloneHeader(h map[string][]string) map[string][]string {
	nv := 0
	for _, vv := range h {
		nv += len(vv)
	}
	sv := make([]string, nv)
	h2 := make(map[string][]string, len(h))
	for k, vv := range h {
		n := copy(sv, vv)
		h2[k] = sv[:n:n]
		sv = sv[n:]
	}
	return h2
}

// Pairs stores (i, i+1) pairs in one flat array, a window per pair.
func Pairs(n int) [][]int {
	flat := make([]int, 2*n)
	out := make([][]int, n)
	j := 0
	for i := 0; i < n; i++ {
		flat[j] = i
		flat[j+1] = i + 1
		out[i] = flat[j : j+2]
		j += 2
	}
	return out
}

// CStrings packs NUL-terminated copies of ss into one buffer.
func CStrings(ss []string) []*byte {
	size := 0
	for _, s := range ss {
		size += len(s) + 1
	}
	b := make([]byte, size)
	out := make([]*byte, len(ss))
	n := 0
	for i, s := range ss {
		out[i] = &b[n]
		copy(b[n:], s)
		n += len(s) + 1
	}
	return out
}

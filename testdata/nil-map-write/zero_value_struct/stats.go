// Package zerovaluestruct: a zero-value Stats is filled without making its
// map first.
package zerovaluestruct

// Stats counts status codes.
type Stats struct {
	Total  int
	status map[int]int
}

// Merge makes a Stats from codes.
func Merge(codes []int) Stats {
	var s Stats
	for _, c := range codes {
		s.Total++
		s.status[c]++ // want nil-map-write
	}
	return s
}

// Reset gives s a fresh map (so the field is set somewhere in the package).
func (s *Stats) Reset() {
	s.status = map[int]int{}
	s.Total = 0
}

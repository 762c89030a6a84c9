// Package cleannocgo doesn't import "C": taking &b and passing it to a Go
// function named like a C one is ordinary Go.
package cleannocgo

// Sum adds the bytes behind a *[]byte.
func Sum(p *[]byte) int {
	s := 0
	for _, b := range *p {
		s += int(b)
	}
	return s
}

// SumOf sums b through its pointer.
func SumOf(b []byte) int {
	return Sum(&b)
}

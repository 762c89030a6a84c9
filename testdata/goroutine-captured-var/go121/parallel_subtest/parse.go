// Package parallelsubtest has a table-driven test whose parallel subtests use
// the range value after t.Parallel(): they run after the loop has finished,
// so every subtest checks the last case.
package parallelsubtest

import "strconv"

// ParsePort parses a TCP port number.
func ParsePort(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 65535 {
		return 0, strconv.ErrRange
	}
	return n, nil
}

// Package cleanparallelsubtest is go121/parallel_subtest under Go 1.22: each
// subtest has its own tc.
package cleanparallelsubtest

import "strconv"

// ParsePort parses a TCP port number.
func ParsePort(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 65535 {
		return 0, strconv.ErrRange
	}
	return n, nil
}

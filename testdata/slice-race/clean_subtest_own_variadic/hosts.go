// Package cleansubtestownvariadic: normalize lowercases the hosts it is
// given in place. Every parallel subtest passes the hosts of its own test
// case: no two subtests write one slice. Safe.
package cleansubtestownvariadic

import "strings"

// Normalize lowercases every host in place and counts the wildcards.
func Normalize(hosts ...string) int {
	wild := 0
	for i, h := range hosts {
		if h == "*" {
			wild++
			continue
		}
		hosts[i] = strings.ToLower(h)
	}
	return wild
}

// Package sharedvariadic: normalize lowercases the hosts it is given in
// place. Every parallel subtest passes the same package-level list: they all
// write its elements at once.
package sharedvariadic

import "strings"

// Defaults are the hosts every route matches.
var Defaults = []string{"A.example.com", "B.example.com", "*"}

// Normalize lowercases every host in place and counts the wildcards.
func Normalize(hosts ...string) int {
	wild := 0
	for i, h := range hosts {
		if h == "*" {
			wild++
			continue
		}
		hosts[i] = strings.ToLower(h) // want slice-race
	}
	return wild
}

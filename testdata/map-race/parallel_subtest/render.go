// Package parallelsubtest renders templates; its test (race_test.go) is the
// fixture: parallel subtests share one map.
package parallelsubtest

import "strings"

// Render renders the named template.
func Render(name string) string { return "<h1>" + strings.ToUpper(name) + "</h1>" }

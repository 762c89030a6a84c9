// Package cleanparallelsubtest renders templates; its test (race_test.go) is
// the fixture: parallel subtests that share only a read-only map.
package cleanparallelsubtest

import "strings"

// Render renders the named template.
func Render(name string) string { return "<h1>" + strings.ToUpper(name) + "</h1>" }

// Package platformfiles numbers signals by name. On Linux the numbers are
// handed out lazily in an unlocked map, and the unix-only parallel test runs
// on Linux too: the subtests write the map at once.
package platformfiles

// Known reports whether the signal has a number.
func Known(name string) bool {
	return signum(name) >= 0
}

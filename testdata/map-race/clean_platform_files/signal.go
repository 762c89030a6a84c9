// Package cleanplatformfiles numbers signals by name. On plan9 the numbers
// are handed out lazily in an unlocked map (signal_plan9.go); elsewhere they
// come from a fixed table (signal_unix.go). The parallel test is unix-only,
// so no build holds both the test and the lazy map.
package cleanplatformfiles

// Known reports whether the signal has a number.
func Known(name string) bool {
	return signum(name) >= 0
}

// Package cleanvaluemap: maps of values (not pointers) give a usable zero
// value for a missing key; nothing to check.
package cleanvaluemap

// Limits are per-tenant limits.
type Limits struct {
	RPS   int
	Burst int
}

var limits = map[string]Limits{}

var buffers = map[string][]byte{}

// RPS returns the tenant's rate (0 when unknown).
func RPS(tenant string) int {
	return limits[tenant].RPS
}

// Size returns the tenant's buffer size (0 when unknown).
func Size(tenant string) int {
	return len(buffers[tenant])
}

// Package cleanrangekeys: the keys come from ranging over the same map, and
// pointers handed to a checking helper.
package cleanrangekeys

// Counter is a named counter.
type Counter struct {
	N int
}

// Total sums all counters.
func Total(counters map[string]*Counter) int {
	sum := 0
	for name := range counters {
		sum += counters[name].N
	}
	return sum
}

func valid(c *Counter) bool { return c != nil && c.N >= 0 }

// Get returns name's count, or -1.
func Get(counters map[string]*Counter, name string) int {
	c := counters[name]
	if !valid(c) {
		return -1
	}
	return c.N
}

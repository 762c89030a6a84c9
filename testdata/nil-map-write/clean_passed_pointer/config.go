// Package cleanpassedpointer: the map is handed to code that may replace it
// (by pointer) before the write; a closure assigns before the closure's write.
package cleanpassedpointer

// Config holds settings.
type Config struct {
	Name  string
	Extra map[string]string
}

// Decode fills cfg from raw.
func Decode(raw string, cfg *Config) {
	cfg.Name = raw
	cfg.Extra = map[string]string{"raw": raw}
}

// Parse decodes raw and tags the result.
func Parse(raw string) *Config {
	c := &Config{}
	Decode(raw, c)
	c.Extra["parsed"] = "yes"
	return c
}

// Counter returns a function that counts calls per key.
func Counter() func(string) int {
	var counts map[string]int
	ensure := func() {
		if counts == nil {
			counts = map[string]int{}
		}
	}
	return func(k string) int {
		ensure()
		counts[k]++
		return counts[k]
	}
}

// Package configreload: a watcher goroutine applies config updates to the
// settings map while Dump, called by the rest of the program, ranges over it.
package configreload

import (
	"sort"
	"strings"
)

type update struct{ key, value string }

// Config holds live settings.
type Config struct {
	settings map[string]string
	updates  chan update
}

// Watch returns a config that applies updates sent with Apply.
func Watch() *Config {
	c := &Config{settings: map[string]string{"log.level": "info"}, updates: make(chan update)}
	go func() {
		for u := range c.updates {
			c.settings[u.key] = u.value
		}
	}()
	return c
}

// Apply sends one update to the watcher.
func (c *Config) Apply(key, value string) { c.updates <- update{key, value} }

// Dump renders all settings as sorted key=value lines.
func (c *Config) Dump() string {
	lines := make([]string, 0, 8)
	for k, v := range c.settings { // want map-range-race
		lines = append(lines, k+"="+v)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// Close stops the watcher.
func (c *Config) Close() { close(c.updates) }

// Package cleanrwmutexrange: the twin of config_reload. Dump ranges while
// holding the read lock, the watcher writes under the write lock. Safe.
package cleanrwmutexrange

import (
	"sort"
	"strings"
	"sync"
)

type update struct{ key, value string }

// Config holds live settings.
type Config struct {
	mu       sync.RWMutex
	settings map[string]string
	updates  chan update
}

// Watch returns a config that applies updates sent with Apply.
func Watch() *Config {
	c := &Config{settings: map[string]string{"log.level": "info"}, updates: make(chan update)}
	go func() {
		for u := range c.updates {
			c.mu.Lock()
			c.settings[u.key] = u.value
			c.mu.Unlock()
		}
	}()
	return c
}

// Apply sends one update to the watcher.
func (c *Config) Apply(key, value string) { c.updates <- update{key, value} }

// Dump renders all settings as sorted key=value lines.
func (c *Config) Dump() string {
	c.mu.RLock()
	lines := make([]string, 0, len(c.settings))
	for k, v := range c.settings {
		lines = append(lines, k+"="+v)
	}
	c.mu.RUnlock()
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// Close stops the watcher.
func (c *Config) Close() { close(c.updates) }

// Package historyslice: a command history whose entries slice is appended to
// and indexed under h.mu everywhere except in Last (and count, which it calls).
package historyslice

import "sync"

// History keeps the commands typed so far.
type History struct {
	mu      sync.Mutex
	entries []string
}

// Add appends a command.
func (h *History) Add(cmd string) {
	h.mu.Lock()
	h.entries = append(h.entries, cmd)
	h.mu.Unlock()
}

// At returns command i.
func (h *History) At(i int) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.entries[i]
}

// Edit replaces command i.
func (h *History) Edit(i int, cmd string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.entries[i] = cmd
}

// Last returns the newest command. BUG: no lock while Add may be appending.
func (h *History) Last() string {
	n := h.count()
	return h.entries[n-1] // want "History.entries is read without h.mu"
}

func (h *History) count() int {
	return len(h.entries) // want "History.entries is read .len. without h.mu"
}

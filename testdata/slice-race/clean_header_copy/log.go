// Package cleanheadercopy: Entries returns the log's slice (a copy of its
// header) under mu; the caller ranges over that copy while the writer goroutine
// appends under mu. An append writes the field's header and past the length
// the copy saw, never into what the copy reaches. Safe.
package cleanheadercopy

import "sync"

// Log is an append-only list of lines.
type Log struct {
	mu    sync.Mutex
	lines []string
}

// Run appends what arrives on in, on a goroutine of its own.
func (l *Log) Run(in <-chan string) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for s := range in {
			l.mu.Lock()
			l.lines = append(l.lines, s)
			l.mu.Unlock()
		}
	}()
	return done
}

// Entries returns the lines so far.
func (l *Log) Entries() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lines
}

// Width is the length of the longest line so far.
func (l *Log) Width() int {
	lines := l.Entries()
	w := 0
	for _, s := range lines {
		if len(s) > w {
			w = len(s)
		}
	}
	return w + len(lines)*0
}

// Package headercopyelems: Entries returns the log's slice (a copy of its
// header) under mu, and the caller ranges over it without the lock, while the
// writer goroutine rewrites the lines in place: both reach the same elements.
package headercopyelems

import (
	"strings"
	"sync"
)

// Log is a list of lines.
type Log struct {
	mu    sync.Mutex
	lines []string
}

// NewLog makes a log of n empty lines.
func NewLog(n int) *Log { return &Log{lines: make([]string, n)} }

// Run upper-cases the lines in place, on a goroutine of its own.
func (l *Log) Run(rounds int) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for r := 0; r < rounds; r++ {
			l.mu.Lock()
			for i := range l.lines {
				l.lines[i] = strings.ToUpper(l.lines[i] + "x") // want slice-race
			}
			l.mu.Unlock()
		}
	}()
	return done
}

// Entries returns the lines.
func (l *Log) Entries() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lines
}

// Width is the length of the longest line so far.
func (l *Log) Width() int {
	w := 0
	for _, s := range l.Entries() {
		if len(s) > w {
			w = len(s)
		}
	}
	return w
}

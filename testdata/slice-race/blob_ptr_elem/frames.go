// Package blobptrelem: the defensive lookup from seed 004 (p, ok := m[k] and a
// nil check) does not make the buffer safe to share: the repair goroutines
// still write the same *[]byte's elements through p concurrently.
package blobptrelem

import "sync"

// Frames holds the current frame buffer of each stream.
type Frames struct {
	byStream map[string]*[]byte
}

// NewFrames returns frames with a zeroed buffer of size n for each stream.
func NewFrames(n int, streams ...string) *Frames {
	f := &Frames{byStream: make(map[string]*[]byte)}
	for _, s := range streams {
		b := make([]byte, n)
		f.byStream[s] = &b
	}
	return f
}

// Repair fills lost byte ranges of stream's frame, one goroutine per range.
func (f *Frames) Repair(stream string, lost [][2]int, fill byte) {
	p, ok := f.byStream[stream]
	if !ok || p == nil {
		return
	}
	var wg sync.WaitGroup
	for _, r := range lost {
		wg.Add(1)
		go func(from, to int) {
			defer wg.Done()
			for i := from; i < to && i < len(*p); i++ {
				(*p)[i] = fill // want slice-race
			}
		}(r[0], r[1])
	}
	wg.Wait()
}

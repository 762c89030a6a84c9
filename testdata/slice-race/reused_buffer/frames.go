// Package reusedbuffer: frames are decoded through one reused buffer and each
// worker gets buf[:n], an alias, not a copy. The workers rewrite the bytes in
// place while the loop copies the next frame into the same array, and the
// workers' aliases overlap each other: both writes race.
package reusedbuffer

import "sync"

func upper(chunk []byte) int {
	for i, c := range chunk {
		if 'a' <= c && c <= 'z' {
			chunk[i] = c - 'a' + 'A' // want slice-race
		}
	}
	return len(chunk)
}

// Process decodes every frame and upper-cases it on its own goroutine.
func Process(frames [][]byte) int {
	buf := make([]byte, 64)
	sizes := make(chan int, len(frames))
	var wg sync.WaitGroup
	for _, f := range frames {
		n := copy(buf, f) // want slice-race
		wg.Add(1)
		go func(chunk []byte) {
			defer wg.Done()
			sizes <- upper(chunk)
		}(buf[:n])
	}
	wg.Wait()
	close(sizes)
	total := 0
	for n := range sizes {
		total += n
	}
	return total
}

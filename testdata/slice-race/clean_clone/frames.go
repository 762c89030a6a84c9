// Package cleanclone: the twin of reused_buffer. Frames are decoded through
// one reused buffer, and each worker gets a private copy made before the next
// frame overwrites buf (the bytes.Clone idiom; bytes.Clone itself needs Go
// 1.20 and this module targets Go 1.19). Workers rewrite their copy. Safe.
package cleanclone

import "sync"

func upper(chunk []byte) int {
	for i, c := range chunk {
		if 'a' <= c && c <= 'z' {
			chunk[i] = c - 'a' + 'A'
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
		n := copy(buf, f)
		chunk := append([]byte(nil), buf[:n]...)
		wg.Add(1)
		go func(chunk []byte) {
			defer wg.Done()
			sizes <- upper(chunk)
		}(chunk)
	}
	wg.Wait()
	close(sizes)
	total := 0
	for n := range sizes {
		total += n
	}
	return total
}

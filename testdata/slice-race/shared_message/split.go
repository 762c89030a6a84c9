// Package sharedmessage: a splitter cuts the input into chunks and sends
// them to a pool of parsers, but it reuses one item for every chunk: the
// parsers (several at once) that received it all empty the same buffer.
package sharedmessage

import "sync"

type item struct {
	input []byte
	n     int
}

// Parse counts the non-zero bytes of data with `workers` parsers.
func Parse(data []byte, chunk, workers int) int {
	items := make(chan *item)
	go func() {
		defer close(items)
		var it item
		for off := 0; off < len(data); off += chunk {
			end := off + chunk
			if end > len(data) {
				end = len(data)
			}
			it.input = append([]byte(nil), data[off:end]...)
			items <- &it
		}
	}()
	var mu sync.Mutex
	total := 0
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for in := range items {
				for _, b := range in.input {
					if b != 0 {
						in.n++
					}
				}
				in.input = nil // want slice-race
				mu.Lock()
				total += in.n
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return total
}

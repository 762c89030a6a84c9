// Package cleanhandoffpermessage: a splitter cuts the input into chunks and
// sends each chunk, in an item it makes for that chunk, to a pool of parsers.
// Every parser (several at once) empties the buffer of the item it received:
// each item is received by one parser only, and no two parsers hold the same
// item. Safe.
package cleanhandoffpermessage

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
		for off := 0; off < len(data); off += chunk {
			end := off + chunk
			if end > len(data) {
				end = len(data)
			}
			it := item{input: append([]byte(nil), data[off:end]...)}
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
				in.input = nil
				mu.Lock()
				total += in.n
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return total
}

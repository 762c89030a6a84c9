// Package ptrappend: two log shippers, one for stdout and one for stderr,
// append to the same *[]byte batch with *p = append(*p, ...). Both goroutines
// read and replace the same slice header: the append races with itself.
package ptrappend

import "sync"

func ship(batch *[]byte, lines []string, wg *sync.WaitGroup) {
	defer wg.Done()
	for _, line := range lines {
		*batch = append(*batch, line...) // want slice-race
	}
}

// Collect gathers stdout and stderr lines into one batch.
func Collect(stdout, stderr []string) []byte {
	var batch []byte
	var wg sync.WaitGroup
	wg.Add(2)
	go ship(&batch, stdout, &wg)
	go ship(&batch, stderr, &wg)
	wg.Wait()
	return batch
}

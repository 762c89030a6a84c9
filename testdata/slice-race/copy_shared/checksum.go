// Package copyshared: a package-level scratch buffer is reused by every
// checksum call, and ChecksumAll runs the calls on parallel goroutines. Each
// copy(scratch, payload) overwrites bytes another goroutine is writing/reading.
package copyshared

import (
	"hash/crc32"
	"sync"
)

var scratch = make([]byte, 4096)

func checksum(payload []byte) uint32 {
	n := copy(scratch, payload) // want slice-race
	return crc32.ChecksumIEEE(scratch[:n])
}

// ChecksumAll returns the CRC-32 of every payload.
func ChecksumAll(payloads [][]byte) []uint32 {
	sums := make([]uint32, len(payloads))
	var wg sync.WaitGroup
	for i, p := range payloads {
		wg.Add(1)
		go func(i int, p []byte) {
			defer wg.Done()
			sums[i] = checksum(p)
		}(i, p)
	}
	wg.Wait()
	return sums
}

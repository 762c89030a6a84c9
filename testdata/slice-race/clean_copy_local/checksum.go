// Package cleancopylocal: the twin of copy_shared. Each checksum call copies
// into a scratch buffer of its own, so the parallel calls share nothing. Safe.
package cleancopylocal

import (
	"hash/crc32"
	"sync"
)

func checksum(payload []byte) uint32 {
	scratch := make([]byte, len(payload))
	n := copy(scratch, payload)
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

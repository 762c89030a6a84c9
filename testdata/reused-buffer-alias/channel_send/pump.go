// Package channelsend: a reader goroutine sends buf[:n] to a consumer and
// immediately reads the next chunk into the same buffer, while the consumer may
// still be using the previous one.
package channelsend

import (
	"hash/crc32"
	"io"
)

// Pump sends the chunks of r on out.
func Pump(r io.Reader, out chan<- []byte) error {
	defer close(out)
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			out <- buf[:n] // want "sent on channel out"
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Checksums sums what Pump sends.
func Checksums(r io.Reader) []uint32 {
	ch := make(chan []byte)
	go func() { _ = Pump(r, ch) }()
	var sums []uint32
	for chunk := range ch {
		sums = append(sums, crc32.ChecksumIEEE(chunk))
	}
	return sums
}

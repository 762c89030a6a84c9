// Package cleanconstantsize allocates fixed-size buffers whatever the input
// says, and reads the payload in bounded chunks.
package cleanconstantsize

import (
	"encoding/binary"
	"io"
)

const chunk = 32 << 10

// Copy reads a length-prefixed payload chunk by chunk.
func Copy(dst io.Writer, src io.Reader) error {
	var hdr [4]byte
	if _, err := io.ReadFull(src, hdr[:]); err != nil {
		return err
	}
	remaining := int64(binary.BigEndian.Uint32(hdr[:]))
	buf := make([]byte, chunk)
	_, err := io.CopyBuffer(dst, io.LimitReader(src, remaining), buf)
	return err
}

// Table returns a lookup table of fixed size.
func Table() map[string]int {
	return make(map[string]int, 256)
}

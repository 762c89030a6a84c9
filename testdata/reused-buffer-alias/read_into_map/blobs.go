// Package readintomap loads length-prefixed blobs into a map, reading each one
// into a single scratch buffer. buf[:n] is stored under every key: all values
// share the scratch buffer, so after the loop every entry shows the bytes of
// the last blob (seed 004: subslices of one array under different keys).
package readintomap

import (
	"encoding/binary"
	"io"
)

// LoadBlobs reads (keyLen, key, valLen, val) records until EOF.
func LoadBlobs(r io.Reader) (map[string][]byte, error) {
	blobs := make(map[string][]byte)
	buf := make([]byte, 64<<10)
	var lenBuf [4]byte
	for {
		if _, err := io.ReadFull(r, lenBuf[:]); err == io.EOF {
			return blobs, nil
		} else if err != nil {
			return nil, err
		}
		keyLen := binary.BigEndian.Uint32(lenBuf[:])
		key := make([]byte, keyLen)
		if _, err := io.ReadFull(r, key); err != nil {
			return nil, err
		}
		if _, err := io.ReadFull(r, lenBuf[:]); err != nil {
			return nil, err
		}
		n := int(binary.BigEndian.Uint32(lenBuf[:]))
		if n > len(buf) {
			return nil, io.ErrShortBuffer
		}
		if _, err := io.ReadFull(r, buf[:n]); err != nil {
			return nil, err
		}
		blobs[string(key)] = buf[:n] // want reused-buffer-alias
	}
}

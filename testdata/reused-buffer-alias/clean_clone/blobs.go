// Package cleanclone is read_into_map fixed: each value is bytes.Clone'd out
// of the scratch buffer before it is stored.
package cleanclone

import (
	"bytes"
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
		key := make([]byte, binary.BigEndian.Uint32(lenBuf[:]))
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
		blobs[string(key)] = bytes.Clone(buf[:n])
	}
}

// Package varintlength decodes varint-length-prefixed strings.
package varintlength

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
)

var errShort = errors.New("short buffer")

// DecodeString reads a uvarint length and that many bytes from a buffer.
func DecodeString(b []byte) (string, []byte, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 {
		return "", nil, errShort
	}
	s := make([]byte, n) // want "`n` comes from binary.Uvarint at decode.go:15"
	copy(s, b[k:])
	return string(s), b[k+int(n):], nil
}

// ReadBlob reads a varint-prefixed blob from a stream.
func ReadBlob(br *bufio.Reader) ([]byte, error) {
	size, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, err
	}
	blob := make([]byte, size) // want unbounded-allocation
	_, err = io.ReadFull(br, blob)
	return blob, err
}

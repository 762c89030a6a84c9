// Package cleansmallprefix parses TLV records whose lengths are one or two
// bytes wide: at most 255 or 65535 bytes, bounded by the type.
package cleansmallprefix

import (
	"bufio"
	"encoding/binary"
	"io"
)

// ReadTLV reads one record with a one-byte length.
func ReadTLV(br *bufio.Reader) (byte, []byte, error) {
	tag, err := br.ReadByte()
	if err != nil {
		return 0, nil, err
	}
	n, err := br.ReadByte()
	if err != nil {
		return 0, nil, err
	}
	value := make([]byte, n)
	_, err = io.ReadFull(br, value)
	return tag, value, err
}

// ReadLabel reads a label with a two-byte big-endian length.
func ReadLabel(r io.Reader) (string, error) {
	var hdr [2]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return "", err
	}
	n := binary.BigEndian.Uint16(hdr[:])
	label := make([]byte, int(n))
	_, err := io.ReadFull(r, label)
	return string(label), err
}

// ReadMasked keeps only the low 12 bits of a 32-bit length.
func ReadMasked(b []byte) []byte {
	n := binary.BigEndian.Uint32(b) & 0x0fff
	return make([]byte, n)
}

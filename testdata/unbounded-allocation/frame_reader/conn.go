// Package framereader reads length-prefixed frames off a TCP connection and
// sizes each frame's buffer from the 4-byte prefix the peer sent.
package framereader

import (
	"encoding/binary"
	"io"
	"net"
)

// ReadFrame returns the next frame's payload.
func ReadFrame(conn net.Conn) ([]byte, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(conn, hdr[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(hdr[:])
	payload := make([]byte, n) // want "`n` comes from binary.BigEndian.Uint32 at conn.go:17"
	if _, err := io.ReadFull(conn, payload); err != nil {
		return nil, err
	}
	return payload, nil
}

// ReadRecord checks the size only after allocating: too late.
func ReadRecord(r io.Reader) ([]byte, error) {
	var hdr [8]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	size := int(binary.LittleEndian.Uint64(hdr[:])) + 8
	buf := make([]byte, 0, size) // want unbounded-allocation
	if size > 1<<20 {
		return nil, io.ErrUnexpectedEOF
	}
	return buf, nil
}

// Package cleanmaxframe reads length-prefixed frames and rejects any frame
// larger than maxFrame before allocating it.
package cleanmaxframe

import (
	"encoding/binary"
	"errors"
	"io"
	"net"
)

const maxFrame = 1 << 20

var errFrameTooLarge = errors.New("frame too large")

// ReadFrame returns the next frame's payload.
func ReadFrame(conn net.Conn) ([]byte, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(conn, hdr[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(hdr[:])
	if n > maxFrame {
		return nil, errFrameTooLarge
	}
	payload := make([]byte, n)
	_, err := io.ReadFull(conn, payload)
	return payload, err
}

// ReadFrames reads frames in a loop, skipping oversized ones.
func ReadFrames(r io.Reader, out chan<- []byte) error {
	for {
		var hdr [8]byte
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return err
		}
		size := int(binary.LittleEndian.Uint64(hdr[:]))
		if size < 0 || size > maxFrame {
			continue
		}
		buf := make([]byte, size+8)
		if _, err := io.ReadFull(r, buf[8:]); err != nil {
			return err
		}
		out <- buf
	}
}

// Decode checks the length against the data it has: the bytes already exist.
func Decode(b []byte) ([]byte, error) {
	if len(b) < 4 {
		return nil, io.ErrUnexpectedEOF
	}
	n := binary.BigEndian.Uint32(b)
	if uint64(len(b)-4) < uint64(n) {
		return nil, io.ErrUnexpectedEOF
	}
	out := make([]byte, n)
	copy(out, b[4:])
	return out, nil
}

// Package appendframes splits a stream into frames with a 2-byte length
// prefix, reading every frame into one reused buffer, and returns the frames:
// they all alias that buffer.
package appendframes

import (
	"encoding/binary"
	"io"
)

// ReadFrames returns every frame of the stream.
func ReadFrames(r io.Reader) ([][]byte, error) {
	var frames [][]byte
	buf := make([]byte, 1<<16)
	for {
		if _, err := io.ReadFull(r, buf[:2]); err != nil {
			if err == io.EOF {
				return frames, nil
			}
			return nil, err
		}
		size := int(binary.BigEndian.Uint16(buf[:2]))
		if _, err := io.ReadFull(r, buf[:size]); err != nil {
			return nil, err
		}
		frames = append(frames, buf[:size]) // want reused-buffer-alias
	}
}

// EncodeIDs encodes each id as 8 big-endian bytes; the scratch array is reused.
func EncodeIDs(ids []uint64) [][]byte {
	out := make([][]byte, 0, len(ids))
	scratch := make([]byte, 8)
	for _, id := range ids {
		binary.BigEndian.PutUint64(scratch, id)
		out = append(out, scratch) // want "scratch aliases the buffer scratch"
	}
	return out
}

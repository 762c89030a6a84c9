// Package cleanappendcopy copies each frame out of the reused buffer with
// append([]byte(nil), ...) and sends copies on the channel.
package cleanappendcopy

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
		frames = append(frames, append([]byte(nil), buf[:size]...))
	}
}

// Pump sends copies of the chunks of r on out.
func Pump(r io.Reader, out chan<- []byte) error {
	defer close(out)
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			chunk := append([]byte(nil), buf[:n]...)
			out <- chunk
		}
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

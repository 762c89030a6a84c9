// Package cleanbufferinloop allocates the buffer inside the loop: every
// stored slice has its own backing array.
package cleanbufferinloop

import "io"

// Chunks splits r into chunks of at most size bytes.
func Chunks(r io.Reader, size int) ([][]byte, error) {
	var chunks [][]byte
	for {
		buf := make([]byte, size)
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			chunks = append(chunks, buf[:n])
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return chunks, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

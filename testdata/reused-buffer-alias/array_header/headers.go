// Package arrayheader: a fixed-size array is filled with io.ReadFull on each
// iteration and hdr[:] is kept: a slice of the one array.
package arrayheader

import "io"

// ReadHeaders reads n 16-byte headers.
func ReadHeaders(r io.Reader, n int) ([][]byte, error) {
	var hdr [16]byte
	headers := make([][]byte, 0, n)
	for i := 0; i < n; i++ {
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return nil, err
		}
		headers = append(headers, hdr[:]) // want "hdr\[:\] aliases the buffer hdr"
	}
	return headers, nil
}

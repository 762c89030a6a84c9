// Package cleanarrayvalue stores the array itself, which Go copies by value:
// each entry is its own [16]byte.
package cleanarrayvalue

import "io"

// ReadIDs reads n 16-byte ids.
func ReadIDs(r io.Reader, n int) ([][16]byte, map[int][16]byte, error) {
	var id [16]byte
	ids := make([][16]byte, 0, n)
	byIndex := make(map[int][16]byte, n)
	for i := 0; i < n; i++ {
		if _, err := io.ReadFull(r, id[:]); err != nil {
			return nil, nil, err
		}
		ids = append(ids, id)
		byIndex[i] = id
	}
	return ids, byIndex, nil
}

// Package cleanfreshmake declares buf outside the loop but gives it a fresh
// array on every iteration, so the stored slices don't share memory.
package cleanfreshmake

import "io"

// Load reads one value per key; sizes[i] is the length of value i.
func Load(r io.Reader, keys []string, sizes []int) (map[string][]byte, error) {
	values := make(map[string][]byte, len(keys))
	var buf []byte
	for i, k := range keys {
		buf = make([]byte, sizes[i])
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		values[k] = buf
	}
	return values, nil
}

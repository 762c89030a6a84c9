// Package cleanreadonce reads the whole input once, then stores subslices of
// it: the buffer is not rewritten by the loop, so the slices stay valid.
package cleanreadonce

import (
	"bytes"
	"io"
)

// Fields splits r's contents on commas without copying.
func Fields(r io.Reader) ([][]byte, map[int][]byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	var fields [][]byte
	byIndex := make(map[int][]byte)
	for i := 0; len(data) > 0; i++ {
		j := bytes.IndexByte(data, ',')
		if j < 0 {
			j = len(data)
		}
		fields = append(fields, data[:j])
		byIndex[i] = data[:j]
		if j == len(data) {
			break
		}
		data = data[j+1:]
	}
	return fields, byIndex, nil
}

package sharedmessage

import "testing"

func TestParse(t *testing.T) {
	data := make([]byte, 1<<16)
	for i := range data {
		data[i] = byte(i)
	}
	Parse(data, 512, 4)
}

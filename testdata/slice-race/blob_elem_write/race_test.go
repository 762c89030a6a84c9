package blobelemwrite

import "testing"

func TestStampAll(t *testing.T) {
	s := NewStore("video/1", "video/2")
	tags := make([][]byte, 50)
	for i := range tags {
		tags[i] = []byte{byte(i), 'T', 'A', 'G'}
	}
	s.StampAll("video/1", tags)
}

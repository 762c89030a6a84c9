package cleanhandoffpermessage

import "testing"

func TestParse(t *testing.T) {
	data := make([]byte, 1<<16)
	for i := range data {
		data[i] = byte(i)
	}
	if Parse(data, 512, 4) == 0 {
		t.Fatal("nothing counted")
	}
}

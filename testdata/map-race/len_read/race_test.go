package lenread

import (
	"strconv"
	"testing"
)

func TestSizeWhileDialing(t *testing.T) {
	p := NewPool()
	p.Start()
	n := 0
	for i := 0; i < 2000; i++ {
		p.Dial("10.0.0." + strconv.Itoa(i))
		n += p.Size()
	}
	p.Stop()
	_ = n
}

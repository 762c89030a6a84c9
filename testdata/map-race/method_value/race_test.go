package methodvalue

import (
	"strconv"
	"testing"
)

func TestPutWhileEvicting(t *testing.T) {
	s := NewStore()
	s.Start()
	for i := 0; i < 2000; i++ {
		k := "k" + strconv.Itoa(i)
		s.Put(k, "v")
		s.Expire(k)
	}
	s.Stop()
}

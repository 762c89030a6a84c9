package cleanlockhelper

import (
	"strconv"
	"testing"
)

func TestPutWhileExpiring(t *testing.T) {
	expired := make(chan string)
	c := NewCache(expired)
	for i := 0; i < 2000; i++ {
		k := "k" + strconv.Itoa(i)
		c.Put(k, "v")
		expired <- k
	}
	close(expired)
}

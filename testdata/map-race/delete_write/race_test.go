package deletewrite

import (
	"strconv"
	"testing"
)

func TestLoginWhileExpiring(t *testing.T) {
	s := NewSessions()
	for i := 0; i < 2000; i++ {
		id := "s" + strconv.Itoa(i)
		s.Login(id, "alice")
		s.Expire(id)
	}
	s.Close()
}

package janitorkeys

import (
	"strconv"
	"testing"
)

func TestActiveWhileExpiring(t *testing.T) {
	initial := map[string]string{}
	for i := 0; i < 500; i++ {
		initial["s"+strconv.Itoa(i)] = "alice"
	}
	s := NewSessions(initial)
	for i := 0; i < 500; i++ {
		s.Expire("s" + strconv.Itoa(i))
		_ = s.Active()
	}
	s.Close()
}

package backgroundcheck

import (
	"testing"
	"time"
)

func TestCheckThenCommit(t *testing.T) {
	s := NewStore(1000)
	s.Check(func(err error) { t.Error(err) })
	s.Commit()
	time.Sleep(10 * time.Millisecond)
}

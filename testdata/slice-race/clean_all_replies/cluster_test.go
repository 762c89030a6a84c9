package cleanallreplies

import (
	"testing"
	"time"
)

func TestLaunch(t *testing.T) {
	members := []*Member{{ID: 1}, {ID: 2}, {ID: 4}, {ID: 6}}
	if Launch(members) == nil {
		t.Fatal("member 1 should fail")
	}
	time.Sleep(50 * time.Millisecond) // the other members' goroutines finish
}

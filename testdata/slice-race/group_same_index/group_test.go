package groupsameindex

import "testing"

func TestNotify(t *testing.T) {
	peers := make([]string, 64)
	for i := range peers {
		if i%3 != 0 {
			peers[i] = "peer"
		}
	}
	if errs := Notify(peers); len(errs) != len(peers) {
		t.Fatalf("%d errors", len(errs))
	}
}

package cleancheckchannel

import "testing"

func TestCheckThenCommit(t *testing.T) {
	s := NewStore(100)
	for err := range s.Check() {
		t.Error(err)
	}
	s.Commit()
	if len(s.pages) != 0 {
		t.Fatalf("%d pages left", len(s.pages))
	}
}

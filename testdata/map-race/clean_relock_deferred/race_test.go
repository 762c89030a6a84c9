package cleanrelockdeferred

import "testing"

func TestDeliverAll(t *testing.T) {
	keys := make([]string, 200)
	for i := range keys {
		keys[i] = string(rune('a' + i%26))
	}
	if got := DeliverAll(keys); got != 26 {
		t.Fatalf("got %d keys, want 26", got)
	}
}

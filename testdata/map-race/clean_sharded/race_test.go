package cleansharded

import (
	"strconv"
	"testing"
)

func TestIncAll(t *testing.T) {
	names := make([]string, 1000)
	for i := range names {
		names[i] = "event" + strconv.Itoa(i%37)
	}
	c := NewCounter()
	c.IncAll(names)
	if got := c.Get("event0"); got != 28 {
		t.Fatalf("event0 = %d, want 28", got)
	}
}

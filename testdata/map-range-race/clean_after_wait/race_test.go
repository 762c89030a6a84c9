package cleanafterwait

import (
	"strconv"
	"testing"
	"time"
)

func TestSlowest(t *testing.T) {
	hosts := make([]string, 200)
	for i := range hosts {
		hosts[i] = "h" + strconv.Itoa(i)
	}
	probe := func(h string) time.Duration { return time.Duration(len(h)) }
	if got := Slowest(hosts, probe); len(got) != 4 {
		t.Fatalf("slowest = %q", got)
	}
}

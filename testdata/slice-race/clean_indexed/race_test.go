package cleanindexed

import (
	"strconv"
	"testing"
)

func TestEndpoints(t *testing.T) {
	hosts := make([]string, 300)
	for i := range hosts {
		hosts[i] = "Node" + strconv.Itoa(i) + ".example.com"
	}
	if got := Endpoints(hosts)[7]; got != "https://node7.example.com:443" {
		t.Fatalf("got %q", got)
	}
}

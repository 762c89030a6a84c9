package cleanappendmutex

import (
	"strconv"
	"testing"
)

func TestCollect(t *testing.T) {
	out := make([]string, 500)
	errs := make([]string, 500)
	for i := range out {
		out[i] = "GET /index.html 200\n"
		errs[i] = "warn: slow upstream\n"
	}
	if got := len(Collect(out, errs)); got != 500*20+500*20 {
		t.Fatalf("len = %d", got)
	}
}

func TestEndpoints(t *testing.T) {
	hosts := make([]string, 300)
	for i := range hosts {
		hosts[i] = "Node" + strconv.Itoa(i) + ".example.com"
	}
	if got := len(Endpoints(hosts)); got != 300 {
		t.Fatalf("len = %d", got)
	}
}

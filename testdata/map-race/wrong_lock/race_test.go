package wronglock

import (
	"strconv"
	"testing"
)

func TestSetRouteWhileWithdrawing(t *testing.T) {
	gone := make(chan string)
	r := NewRouter(gone)
	r.AddPeer("peer-a", "10.0.0.2:179")
	for i := 0; i < 2000; i++ {
		p := "/api/" + strconv.Itoa(i)
		r.SetRoute(p, "peer-a")
		gone <- p
	}
	close(gone)
}

package sharedappend

import (
	"strconv"
	"testing"
)

func TestEndpoints(t *testing.T) {
	hosts := make([]string, 300)
	for i := range hosts {
		hosts[i] = "Node" + strconv.Itoa(i) + ".example.com"
	}
	Endpoints(hosts)
}

package cleanownerdelete

import (
	"strconv"
	"testing"
	"time"
)

func TestLoginAndSweep(t *testing.T) {
	j := NewJanitor()
	defer j.Close()
	base := time.Unix(1700000000, 0)
	for i := 0; i < 500; i++ {
		j.Login("s"+strconv.Itoa(i), base.Add(time.Duration(i)*time.Second))
		if i%50 == 0 {
			j.Sweep(base.Add(time.Duration(i) * time.Second))
		}
	}
	if n := j.Sweep(base.Add(475 * time.Second)); n != 25 {
		t.Fatalf("remaining = %d, want 25", n)
	}
}

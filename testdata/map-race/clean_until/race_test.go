package cleanuntil

import (
	"testing"
	"time"
)

func TestMarkWhileTicking(t *testing.T) {
	m := NewMeter()
	stop := make(chan struct{})
	m.Start(stop)
	for i := 0; i < 2000; i++ {
		m.Mark("request")
	}
	time.Sleep(5 * time.Millisecond)
	close(stop)
}

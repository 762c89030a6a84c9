package metricsreporter

import (
	"strconv"
	"testing"
)

func TestReportWhileCounting(t *testing.T) {
	m := NewMetrics()
	ticks := make(chan struct{})
	out := make(chan string, 200)
	m.StartReporter(ticks, out)
	for i := 0; i < 1000; i++ {
		if i%10 == 0 {
			ticks <- struct{}{} // the reporter ranges while the next Incs run
		}
		m.Inc("req_" + strconv.Itoa(i%20))
	}
	close(ticks)
	for range out {
	}
}

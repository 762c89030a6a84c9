package crossfile

import (
	"strconv"
	"testing"
)

func TestRun(t *testing.T) {
	jobs := make([]string, 500)
	for i := range jobs {
		jobs[i] = "job" + strconv.Itoa(i)
	}
	NewQueue().Run(jobs)
}

package cleanrwmutexrange

import (
	"strconv"
	"testing"
)

func TestDumpWhileReloading(t *testing.T) {
	c := Watch()
	for i := 0; i < 1000; i++ {
		c.Apply("feature."+strconv.Itoa(i), "on")
		_ = c.Dump()
	}
	c.Close()
}

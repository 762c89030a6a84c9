package parallelsubtest

import (
	"testing"
	"time"
)

// TestRenderAll is the fixture: each subtest calls t.Parallel, so the subtests
// run on their own goroutines at the same time and all write rendered unlocked.
func TestRenderAll(t *testing.T) {
	rendered := map[string]string{}
	for _, name := range []string{"home", "about", "login", "search"} {
		name := name
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			time.Sleep(2 * time.Millisecond) // a slow render: the subtests overlap
			for i := 0; i < 500; i++ {
				rendered[name] = Render(name) // want map-race
			}
		})
	}
}

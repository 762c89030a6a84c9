package helpergoroutinehandoff

import (
	"testing"
	"time"
)

func TestHammer(t *testing.T) {
	m := &Mutex{owners: []string{"a", "b", "c", "d", "e", "f", "g", "h"}}
	Hammer(m)
	time.Sleep(50 * time.Millisecond) // let the background releases run
}

//go:build unix

package platformfiles

import (
	"strconv"
	"testing"
)

func TestKnown(t *testing.T) {
	for _, name := range []string{"hup", "int", "quit", "term"} {
		name := name
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for i := 0; i < 200; i++ {
				Known(name + strconv.Itoa(i%50))
			}
		})
	}
}

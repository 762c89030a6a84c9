//go:build unix

package cleanplatformfiles

import "testing"

func TestKnown(t *testing.T) {
	for _, name := range []string{"hup", "int", "quit", "term"} {
		name := name
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for i := 0; i < 200; i++ {
				if !Known(name) {
					t.Errorf("%s unknown", name)
				}
			}
		})
	}
}

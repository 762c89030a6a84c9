package sharedvariadic

import "testing"

func TestNormalize(t *testing.T) {
	for _, name := range []string{"one", "two", "three"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for i := 0; i < 20000; i++ {
				Normalize(Defaults...)
			}
		})
	}
}

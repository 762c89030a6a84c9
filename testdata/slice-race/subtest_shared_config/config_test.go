package subtestsharedconfig

import "testing"

func TestBind(t *testing.T) {
	shared := NewConfig([]string{"r1", "r2", "r3"})
	for _, eps := range [][]string{{"web"}, {"web", "websecure"}, {"api"}, {"admin", "web"}} {
		eps := eps
		t.Run(eps[0], func(t *testing.T) {
			t.Parallel()
			for i := 0; i < 3000; i++ {
				shared.Bind(eps)
			}
		})
	}
}

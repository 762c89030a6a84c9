package cleansubtestownconfig

import "testing"

func TestBind(t *testing.T) {
	for _, eps := range [][]string{{"web"}, {"web", "websecure"}, {"api"}, {"admin", "web"}} {
		eps := eps
		t.Run(eps[0], func(t *testing.T) {
			t.Parallel()
			c := NewConfig([]string{"r1", "r2", "r3"})
			for i := 0; i < 3000; i++ {
				c.Bind(eps)
			}
		})
	}
}

package cleansubtestownvariadic

import "testing"

func TestNormalize(t *testing.T) {
	cases := []struct {
		name  string
		hosts []string
	}{
		{"one", []string{"A.example.com"}},
		{"two", []string{"B.example.com", "*"}},
		{"three", []string{"C.example.com", "D.example.com", "E.example.com"}},
	}
	for _, tc := range cases {
		tc := tc
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for i := 0; i < 20000; i++ {
				Normalize(tc.hosts...)
			}
		})
	}
}

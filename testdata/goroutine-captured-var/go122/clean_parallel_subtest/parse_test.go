package cleanparallelsubtest

import "testing"

func TestParsePort(t *testing.T) {
	cases := []struct {
		in   string
		want int
		ok   bool
	}{
		{"80", 80, true},
		{"65535", 65535, true},
		{"65536", 0, false},
		{"http", 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParsePort(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("ParsePort(%q) = %d, %v", tc.in, got, err)
			}
		})
	}
}

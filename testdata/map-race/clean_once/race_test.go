package cleanonce

import "testing"

func TestNames(t *testing.T) {
	codes := make([]string, 300)
	for i := range codes {
		codes[i] = []string{"FR", "DE", "JP"}[i%3]
	}
	if got := Names(codes)[2]; got != "Japan" {
		t.Fatalf("got %q", got)
	}
}

package cleangoroutinelocal

import "testing"

func TestUniqueLinks(t *testing.T) {
	pages := make([]string, 200)
	for i := range pages {
		pages[i] = "/a /b /a /c /b"
	}
	for _, n := range UniqueLinks(pages) {
		if n != 3 {
			t.Fatalf("n = %d, want 3", n)
		}
	}
}

package cleanreadonly

import "testing"

func TestDetect(t *testing.T) {
	files := make([]string, 400)
	for i := range files {
		files[i] = []string{"index.html", "app.mjs", "logo.png", "site.css"}[i%4]
	}
	if got := Detect(files)[1]; got != "text/javascript" {
		t.Fatalf("got %q", got)
	}
}

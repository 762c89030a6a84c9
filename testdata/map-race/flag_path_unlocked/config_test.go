package flagpathunlocked

import "testing"

func TestServe(t *testing.T) {
	Serve(2000)
}

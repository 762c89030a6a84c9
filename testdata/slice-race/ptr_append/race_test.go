package ptrappend

import "testing"

func TestCollect(t *testing.T) {
	out := make([]string, 500)
	errs := make([]string, 500)
	for i := range out {
		out[i] = "GET /index.html 200\n"
		errs[i] = "warn: slow upstream\n"
	}
	Collect(out, errs)
}

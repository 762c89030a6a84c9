// Package growrepeat renders banners whose width and padding come from the
// request.
package growrepeat

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
)

func bannerHandler(w http.ResponseWriter, r *http.Request) {
	width, _ := strconv.Atoi(r.Header.Get("X-Banner-Width"))
	var b strings.Builder
	b.Grow(width * 2) // want unbounded-allocation
	b.WriteString(strings.Repeat("=", width)) // want "strings.Repeat"
	w.Write([]byte(b.String()))
}

func padHandler(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pad, err := strconv.Atoi(q.Get("pad"))
	if err != nil {
		return
	}
	var buf bytes.Buffer
	buf.Write(bytes.Repeat([]byte{' '}, pad)) // want unbounded-allocation
	w.Write(buf.Bytes())
}

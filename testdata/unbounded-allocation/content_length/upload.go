// Package contentlength reads uploads into a buffer sized by the client's
// Content-Length header.
package contentlength

import (
	"bytes"
	"io"
	"net/http"
)

func uploadHandler(w http.ResponseWriter, r *http.Request) {
	body := make([]byte, r.ContentLength) // want "the request's Content-Length"
	if _, err := io.ReadFull(r.Body, body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func echoHandler(w http.ResponseWriter, r *http.Request) {
	buf := bytes.NewBuffer(make([]byte, 0, r.ContentLength+512)) // want unbounded-allocation
	io.Copy(buf, r.Body)
	w.Write(buf.Bytes())
}

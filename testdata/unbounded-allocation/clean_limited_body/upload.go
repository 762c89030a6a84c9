// Package cleanlimitedbody reads request bodies through http.MaxBytesReader
// and io.LimitReader instead of sizing a buffer from Content-Length.
package cleanlimitedbody

import (
	"bytes"
	"io"
	"net/http"
)

const maxBody = 4 << 20

func uploadHandler(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
		return
	}
	w.Write(body)
}

func proxyHandler(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > maxBody {
		http.Error(w, "too large", http.StatusRequestEntityTooLarge)
		return
	}
	buf := bytes.NewBuffer(make([]byte, 0, r.ContentLength))
	io.Copy(buf, io.LimitReader(r.Body, maxBody))
	w.Write(buf.Bytes())
}

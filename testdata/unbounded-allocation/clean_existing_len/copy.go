// Package cleanexistinglen sizes allocations from data that already exists:
// len() of a decoded slice or of the request body that was read.
package cleanexistinglen

import (
	"encoding/json"
	"io"
	"net/http"
)

type batch struct {
	Items []string `json:"items"`
}

func batchHandler(w http.ResponseWriter, r *http.Request) {
	var b batch
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&b); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	upper := make([]string, 0, len(b.Items))
	index := make(map[string]int, len(b.Items))
	for i, it := range b.Items {
		upper = append(upper, it)
		index[it] = i
	}
	json.NewEncoder(w).Encode(upper)
}

// Clone copies a message it was handed.
func Clone(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(data))
	copy(out, data)
	return out, nil
}

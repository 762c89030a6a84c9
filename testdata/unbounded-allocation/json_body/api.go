// Package jsonbody decodes a batch request and preallocates results for the
// count the client put in the body.
package jsonbody

import (
	"encoding/json"
	"net/http"
)

type batchRequest struct {
	Count int    `json:"count"`
	Kind  string `json:"kind"`
}

type result struct {
	ID   int
	Kind string
}

func batchHandler(w http.ResponseWriter, r *http.Request) {
	var req batchRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	out := make([]result, 0, req.Count) // want "`req.Count` comes from json decoding into req"
	for i := 0; i < req.Count; i++ {
		out = append(out, result{ID: i, Kind: req.Kind})
	}
	json.NewEncoder(w).Encode(out)
}

type subscribe struct {
	Topics int `json:"topics"`
}

// Subscribe sizes a channel and a map from a decoded message.
func Subscribe(body []byte) (chan string, map[string]int, error) {
	msg := &subscribe{}
	if err := json.Unmarshal(body, msg); err != nil {
		return nil, nil, err
	}
	ch := make(chan string, msg.Topics)    // want unbounded-allocation
	seen := make(map[string]int, msg.Topics) // want unbounded-allocation
	return ch, seen, nil
}

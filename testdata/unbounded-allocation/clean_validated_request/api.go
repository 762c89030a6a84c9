// Package cleanvalidatedrequest validates decoded requests before using
// their counts.
package cleanvalidatedrequest

import (
	"encoding/json"
	"errors"
	"net/http"
)

const maxCount = 1000

type genRequest struct {
	Count int `json:"count"`
}

func (g *genRequest) validate() error {
	if g.Count < 0 || g.Count > maxCount {
		return errors.New("count out of range")
	}
	return nil
}

func genHandler(w http.ResponseWriter, r *http.Request) {
	var req genRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := req.validate(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	out := make([]int, req.Count)
	json.NewEncoder(w).Encode(out)
}

func sumHandler(w http.ResponseWriter, r *http.Request) {
	var req genRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		return
	}
	if req.Count > 0 && req.Count <= maxCount {
		vals := make([]int, req.Count)
		json.NewEncoder(w).Encode(vals)
	}
}

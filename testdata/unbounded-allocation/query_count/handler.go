// Package querycount serves random IDs; the caller chooses how many with
// ?n=, and the handler allocates that many before doing anything else.
package querycount

import (
	"fmt"
	"net/http"
	"strconv"
)

func idsHandler(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil {
		http.Error(w, "bad n", http.StatusBadRequest)
		return
	}
	ids := make([]uint64, n) // want "strconv.Atoi on request data"
	for i := range ids {
		ids[i] = uint64(i) * 7919
	}
	fmt.Fprintln(w, ids)
}

func padHandler(w http.ResponseWriter, r *http.Request) {
	width := r.FormValue("width")
	cols, _ := strconv.ParseInt(width, 10, 64)
	if cols > 0 {
		row := make([]byte, cols) // want unbounded-allocation
		w.Write(row)
	}
}

// Routes installs the handlers.
func Routes(mux *http.ServeMux) {
	mux.HandleFunc("/ids", idsHandler)
	mux.HandleFunc("/pad", padHandler)
}

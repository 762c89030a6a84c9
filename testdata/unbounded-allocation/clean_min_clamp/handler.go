// Package cleanminclamp caps client-chosen page sizes before allocating.
package cleanminclamp

import (
	"fmt"
	"net/http"
	"strconv"
)

const maxPage = 500

func listHandler(w http.ResponseWriter, r *http.Request) {
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil {
		limit = 50
	}
	limit = min(limit, maxPage)
	items := make([]string, 0, limit)
	fmt.Fprintln(w, len(items))
}

func pageHandler(w http.ResponseWriter, r *http.Request) {
	size, _ := strconv.Atoi(r.FormValue("size"))
	if size > maxPage {
		size = maxPage
	}
	rows := make([]int, size)
	fmt.Fprintln(w, len(rows))
}

func tileHandler(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.FormValue("tiles"))
	tiles := make([]byte, min(n, 64)*1024)
	w.Write(tiles)
}

// Routes installs the handlers.
func Routes(mux *http.ServeMux) {
	mux.HandleFunc("/list", listHandler)
	mux.HandleFunc("/page", pageHandler)
	mux.HandleFunc("/tiles", tileHandler)
}

// Package handlerkey: an HTTP handler looks the tenant named in the request
// up in a map of pointers and uses it unchecked; an unknown tenant crashes
// the server.
package handlerkey

import (
	"fmt"
	"net/http"
)

// Tenant is a customer account.
type Tenant struct {
	Name  string
	Quota int
}

var tenants = map[string]*Tenant{}

func quotaHandler(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("tenant")
	t := tenants[id]
	fmt.Fprintf(w, "%s: %d\n", t.Name, t.Quota) // want "Pointer t, read from map tenants on line 21"
}

// Routes installs the handlers.
func Routes(mux *http.ServeMux) {
	mux.HandleFunc("/quota", quotaHandler)
}

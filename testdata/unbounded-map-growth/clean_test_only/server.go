// Package cleantestonly: the only growing map belongs to a test double.
package cleantestonly

import "net/http"

// Handler answers with 204.
func Handler(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusNoContent)
}

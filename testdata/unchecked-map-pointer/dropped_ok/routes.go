// Package droppedok: the comma-ok form is used, but ok is thrown away.
package droppedok

// Route is a routing entry.
type Route struct {
	Backend string
	Weight  int
}

var routes = map[string]*Route{}

// Backend returns the backend for path.
func Backend(path string) string {
	r, _ := routes[path]
	return r.Backend // want unchecked-map-pointer
}

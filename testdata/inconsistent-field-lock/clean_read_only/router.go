// Package cleanreadonly: routes is built once by the constructor and only
// read afterwards, so reading it with or without the lock is fine; the lock
// guards the hit counters.
package cleanreadonly

import "sync"

// Router maps paths to handler names.
type Router struct {
	mu     sync.Mutex
	routes map[string]string
	hits   int
}

// NewRouter builds the table.
func NewRouter(table map[string]string) *Router {
	r := &Router{routes: map[string]string{}}
	for k, v := range table {
		r.routes[k] = v
	}
	return r
}

// Match returns the handler for path and counts the hit.
func (r *Router) Match(path string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.hits++
	return r.routes[path]
}

// Has reports whether path is routed.
func (r *Router) Has(path string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.routes[path]
	return ok
}

// Count returns the number of routes.
func (r *Router) Count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.routes)
}

// Paths lists the routed paths.
func (r *Router) Paths() []string {
	var out []string
	for p := range r.routes {
		out = append(out, p)
	}
	return out
}

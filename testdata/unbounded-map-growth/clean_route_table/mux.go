// Package cleanroutetable: a router keeps one entry per registered route.
// Routes are registered by the program's code with Handle, never by
// requests, so the tables are as large as the code that fills them.
package cleanroutetable

import (
	"net/http"
	"strings"
	"sync"
)

// Mux dispatches requests by path prefix.
type Mux struct {
	mu     sync.RWMutex
	routes map[string]http.Handler
}

// NewMux returns an empty mux.
func NewMux() *Mux {
	return &Mux{routes: map[string]http.Handler{}}
}

// Handle registers h for paths starting with prefix.
func (m *Mux) Handle(prefix string, h http.Handler) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.routes[prefix] = h
}

// ServeHTTP runs the handler with the longest matching prefix.
func (m *Mux) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.RLock()
	var best string
	for p := range m.routes {
		if strings.HasPrefix(r.URL.Path, p) && len(p) > len(best) {
			best = p
		}
	}
	h := m.routes[best]
	m.mu.RUnlock()
	if h == nil {
		http.NotFound(w, r)
		return
	}
	h.ServeHTTP(w, r)
}

// HandleFunc is the routing function of a MethodRouter.
type HandleFunc func(w http.ResponseWriter, r *http.Request, params map[string]string)

type node struct {
	path   string
	handle HandleFunc
	next   []*node
}

func (n *node) add(path string, handle HandleFunc) {
	n.next = append(n.next, &node{path: path, handle: handle})
}

// MethodRouter keeps one route tree per HTTP method.
type MethodRouter struct {
	trees map[string]*node
}

// Handle registers handle for method and path.
func (rt *MethodRouter) Handle(method, path string, handle HandleFunc) {
	if rt.trees == nil {
		rt.trees = make(map[string]*node)
	}
	root := rt.trees[method]
	if root == nil {
		root = new(node)
		rt.trees[method] = root
	}
	root.add(path, handle)
}

// ServeHTTP runs the first route of the request's method whose path matches.
func (rt *MethodRouter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if root := rt.trees[r.Method]; root != nil {
		for _, n := range root.next {
			if n.path == r.URL.Path {
				n.handle(w, r, nil)
				return
			}
		}
	}
	http.NotFound(w, r)
}

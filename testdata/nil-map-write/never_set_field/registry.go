// Package neversetfield: Registry.handlers is never made anywhere in the
// package, so every Register panics.
package neversetfield

import (
	"net/http"
	"sync"
)

// Registry maps route names to handlers.
type Registry struct {
	mu       sync.RWMutex
	handlers map[string]http.Handler
}

// NewRegistry returns an empty registry. BUG: handlers is left nil.
func NewRegistry() *Registry {
	return &Registry{}
}

// Register adds h under name.
func (r *Registry) Register(name string, h http.Handler) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[name] = h // want "No code in the package sets field Registry.handlers"
}

// Lookup returns the handler registered under name.
func (r *Registry) Lookup(name string) (http.Handler, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	h, ok := r.handlers[name]
	return h, ok
}

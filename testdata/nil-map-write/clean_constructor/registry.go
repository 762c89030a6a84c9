// Package cleanconstructor: the constructor makes the map field.
package cleanconstructor

import (
	"net/http"
	"sync"
)

// Registry maps route names to handlers.
type Registry struct {
	mu       sync.Mutex
	handlers map[string]http.Handler
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{handlers: make(map[string]http.Handler)}
}

// Register adds h under name.
func (r *Registry) Register(name string, h http.Handler) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[name] = h
}

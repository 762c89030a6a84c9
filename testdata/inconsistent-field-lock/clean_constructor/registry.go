// Package cleanconstructor: the constructor fills the map before anyone else
// can see the value, so it takes no lock; every method does.
package cleanconstructor

import "sync"

// Registry maps names to endpoints.
type Registry struct {
	mu        sync.Mutex
	endpoints map[string]string
}

// NewRegistry returns a registry with the defaults.
func NewRegistry(defaults map[string]string) *Registry {
	r := &Registry{endpoints: make(map[string]string)}
	for k, v := range defaults {
		r.endpoints[k] = v
	}
	r.endpoints["health"] = "/healthz"
	if len(r.endpoints) > 100 {
		delete(r.endpoints, "health")
	}
	return r
}

// Set registers an endpoint.
func (r *Registry) Set(name, path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.endpoints[name] = path
}

// Lookup returns an endpoint.
func (r *Registry) Lookup(name string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.endpoints[name]
}

// Remove unregisters an endpoint.
func (r *Registry) Remove(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.endpoints, name)
}

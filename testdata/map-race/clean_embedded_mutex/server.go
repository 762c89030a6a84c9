// Package cleanembeddedmutex: the registry embeds sync.Mutex and is itself
// embedded in Server. The heartbeat goroutine calls the promoted s.Lock(),
// Register calls s.registry.Lock(): the same mutex guards the same map. Safe.
package cleanembeddedmutex

import "sync"

type registry struct {
	sync.Mutex
	services map[string]string
}

// Server serves requests for the services in its registry.
type Server struct {
	registry
	beats chan string
}

// NewServer returns a server with an empty registry.
func NewServer() *Server {
	return &Server{registry: registry{services: map[string]string{}}, beats: make(chan string)}
}

// Start launches the heartbeat listener.
func (s *Server) Start() {
	go func() {
		for name := range s.beats {
			s.Lock()
			s.services[name] = "alive"
			s.Unlock()
		}
	}()
}

// Register adds a service address.
func (s *Server) Register(name, addr string) {
	s.registry.Lock()
	defer s.registry.Unlock()
	s.registry.services[name] = addr
}

// Beat reports a heartbeat for name.
func (s *Server) Beat(name string) { s.beats <- name }

// Stop ends the heartbeat listener.
func (s *Server) Stop() { close(s.beats) }

// Package embedded: the service map lives in an embedded struct. Register
// writes it as s.registry.services, the heartbeat goroutine writes the same map
// through the promoted field s.services. Same map, two goroutines, no lock.
package embedded

type registry struct {
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
			s.services[name] = "alive" // want map-race
		}
	}()
}

// Register adds a service address.
func (s *Server) Register(name, addr string) {
	s.registry.services[name] = addr // want map-race
}

// Beat reports a heartbeat for name.
func (s *Server) Beat(name string) { s.beats <- name }

// Stop ends the heartbeat listener.
func (s *Server) Stop() { close(s.beats) }

// Package cleantwolocks: two maps, each consistently guarded by its own
// mutex.
package cleantwolocks

import "sync"

// Server tracks peers and routes.
type Server struct {
	peersMu sync.Mutex
	peers   map[string]string

	routesMu sync.RWMutex
	routes   map[string]string
}

// NewServer returns an empty server.
func NewServer() *Server {
	return &Server{peers: map[string]string{}, routes: map[string]string{}}
}

// AddPeer registers a peer.
func (s *Server) AddPeer(id, addr string) {
	s.peersMu.Lock()
	defer s.peersMu.Unlock()
	s.peers[id] = addr
}

// Peer returns a peer's address.
func (s *Server) Peer(id string) string {
	s.peersMu.Lock()
	defer s.peersMu.Unlock()
	return s.peers[id]
}

// RemovePeer forgets a peer.
func (s *Server) RemovePeer(id string) {
	s.peersMu.Lock()
	defer s.peersMu.Unlock()
	delete(s.peers, id)
}

// SetRoute routes path to peer.
func (s *Server) SetRoute(path, peer string) {
	s.routesMu.Lock()
	defer s.routesMu.Unlock()
	s.routes[path] = peer
}

// Route returns the peer for path.
func (s *Server) Route(path string) string {
	s.routesMu.RLock()
	defer s.routesMu.RUnlock()
	return s.routes[path]
}

// Routes returns the number of routes.
func (s *Server) Routes() int {
	s.routesMu.RLock()
	defer s.routesMu.RUnlock()
	return len(s.routes)
}

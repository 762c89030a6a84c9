// Package wronglock: lockRoutes, the helper meant to guard routes, locks
// peersMu instead of routesMu. SetRoute (through the helper) and the withdraw
// goroutine (through routesMu) each hold a lock, but never the same one.
package wronglock

import "sync"

// Router maps paths to peers.
type Router struct {
	peersMu  sync.Mutex
	peers    map[string]string
	routesMu sync.Mutex
	routes   map[string]string
}

// NewRouter returns a router that withdraws the paths received on gone.
func NewRouter(gone <-chan string) *Router {
	r := &Router{peers: map[string]string{}, routes: map[string]string{}}
	go func() {
		for path := range gone {
			r.routesMu.Lock()
			delete(r.routes, path) // want map-race
			r.routesMu.Unlock()
		}
	}()
	return r
}

// lockRoutes should lock routesMu. BUG: it locks peersMu.
func (r *Router) lockRoutes() func() {
	r.peersMu.Lock()
	return r.peersMu.Unlock
}

// AddPeer registers a peer. peersMu really guards peers: not reported.
func (r *Router) AddPeer(id, addr string) {
	r.peersMu.Lock()
	defer r.peersMu.Unlock()
	r.peers[id] = addr
}

// SetRoute sends path to peer.
func (r *Router) SetRoute(path, peer string) {
	defer r.lockRoutes()()
	r.routes[path] = peer // want map-race
}

// Package cleanescapes: the map is handed to code that may shrink it (a
// prune function, a caller that gets the map itself), so it is not proven to
// only grow.
package cleanescapes

import "sync"

// Peers tracks peers by address.
type Peers struct {
	mu    sync.Mutex
	alive map[string]int64
	addrs map[string]string
}

// NewPeers returns an empty set.
func NewPeers() *Peers {
	return &Peers{alive: map[string]int64{}, addrs: map[string]string{}}
}

// Add records a heartbeat.
func (p *Peers) Add(addr string, at int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.alive[addr] = at
	p.addrs[addr] = addr
	prune(p.alive, at-60)
}

func prune(m map[string]int64, before int64) {
	for k, v := range m {
		if v < before {
			delete(m, k)
		}
	}
}

// Addrs gives the caller the address map itself (the caller trims it).
func (p *Peers) Addrs() map[string]string {
	return p.addrs
}

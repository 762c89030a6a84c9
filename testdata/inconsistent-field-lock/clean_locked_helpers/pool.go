// Package cleanlockedhelpers: helpers that touch the map bare are only called
// with the lock held: one says so in its name, one in its doc comment, one
// is simply never called without it.
package cleanlockedhelpers

import "sync"

// Pool hands out connections by address.
type Pool struct {
	mu    sync.Mutex
	conns map[string][]string
}

// NewPool returns an empty pool.
func NewPool() *Pool {
	return &Pool{conns: map[string][]string{}}
}

func (p *Pool) putLocked(addr, conn string) {
	p.conns[addr] = append(p.conns[addr], conn)
}

// take removes and returns a connection to addr.
// The caller must hold p.mu.
func (p *Pool) take(addr string) (string, bool) {
	list := p.conns[addr]
	if len(list) == 0 {
		return "", false
	}
	p.conns[addr] = list[:len(list)-1]
	return list[len(list)-1], true
}

func (p *Pool) drop(addr string) {
	delete(p.conns, addr)
}

// Put returns conn to the pool.
func (p *Pool) Put(addr, conn string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.putLocked(addr, conn)
}

// Get takes a pooled connection to addr.
func (p *Pool) Get(addr string) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.take(addr)
}

// Forget drops every connection to addr.
func (p *Pool) Forget(addr string) {
	p.mu.Lock()
	p.drop(addr)
	p.mu.Unlock()
}

// PutLocked is the exported form for callers that already hold the lock
// through Do.
func (p *Pool) PutLocked(addr, conn string) {
	p.conns[addr] = append(p.conns[addr], conn)
}

// Do runs f with the pool locked.
func (p *Pool) Do(f func(*Pool)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f(p)
}

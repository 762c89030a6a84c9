// Package variablederef: the pointer is read into a variable and used with
// no check.
package variablederef

// Conn is a pooled connection.
type Conn struct {
	Addr  string
	inUse bool
	buf   []byte
}

// Pool holds one connection per address.
type Pool struct {
	conns map[string]*Conn
	bufs  map[string]*[]byte
}

// Acquire marks addr's connection as used.
func (p *Pool) Acquire(addr string) *Conn {
	c := p.conns[addr]
	c.inUse = true // want "Pointer c, read from map p.conns on line 20, is dereferenced without a nil check"
	return c
}

// Scratch returns addr's scratch buffer, cleared.
func (p *Pool) Scratch(addr string) []byte {
	buf := p.bufs[addr]
	*buf = (*buf)[:0] // want "Pointer buf, read from map p.bufs"
	return *buf
}

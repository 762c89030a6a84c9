// Package lenread: a connection pool's background dialer adds connections to
// a map while Size reads len(conns) from the caller's goroutine. len(m) is a
// read of the map header: read/write race, reported at the write.
package lenread

// Pool tracks open connections by address.
type Pool struct {
	conns map[string]int
	dial  chan string
}

// NewPool returns an empty pool.
func NewPool() *Pool { return &Pool{conns: map[string]int{}, dial: make(chan string)} }

// Start launches the dialer.
func (p *Pool) Start() {
	go func() {
		for addr := range p.dial {
			p.conns[addr] = 1 // want map-race
		}
	}()
}

// Dial asks the dialer to open addr.
func (p *Pool) Dial(addr string) { p.dial <- addr }

// Size returns the number of open connections.
func (p *Pool) Size() int { return len(p.conns) }

// Stop ends the dialer.
func (p *Pool) Stop() { close(p.dial) }

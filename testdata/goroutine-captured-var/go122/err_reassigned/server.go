// Package errreassigned122 (Go 1.22: loop semantics changed, this did not): the serving goroutine assigns the caller's err, and
// the caller keeps assigning err after starting it. Both write one variable
// with nothing ordering them (at any Go version).
package errreassigned122

import (
	"log"
	"net"
	"net/http"
)

// Server serves HTTP and registers itself with a directory.
type Server struct {
	Addr     string
	Handler  http.Handler
	register func(addr string) error
}

// Start listens, serves in the background and registers the address.
func (s *Server) Start() error {
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return err
	}
	go func() {
		err = http.Serve(ln, s.Handler) // want "goroutine started at line 25 uses variable err, which Start assigns again at line 30"
		log.Printf("serve %s: %v", s.Addr, err)
	}()
	// The goroutine above writes the same err.
	err = s.register(ln.Addr().String())
	return err
}

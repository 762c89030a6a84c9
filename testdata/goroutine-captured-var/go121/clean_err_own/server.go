// Package cleanerrown gives the goroutine its own err and reports it over a
// channel; the starter's err is a different variable.
package cleanerrown

import (
	"net"
	"net/http"
)

// Start listens, serves in the background and registers the address.
func Start(addr string, h http.Handler, register func(string) error) (<-chan error, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	serveErr := make(chan error, 1)
	go func() {
		err := http.Serve(ln, h)
		serveErr <- err
	}()
	err = register(ln.Addr().String())
	return serveErr, err
}

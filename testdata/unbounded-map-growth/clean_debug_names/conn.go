// Package cleandebugnames: connections get numbered names for debug logs.
// The counter map is keyed by the base name, and the only caller passes a
// constant, so it holds a single key however many connections come.
package cleandebugnames

import (
	"fmt"
	"net"
	"sync"
)

var (
	nameMu   sync.Mutex
	nameNext = make(map[string]int)
)

type namedConn struct {
	name string
	net.Conn
}

func newNamedConn(base string, c net.Conn) net.Conn {
	nameMu.Lock()
	defer nameMu.Unlock()
	nameNext[base]++
	return &namedConn{name: fmt.Sprintf("%s-%d", base, nameNext[base]), Conn: c}
}

// Serve names each accepted connection and hands it to handle.
func Serve(l net.Listener, handle func(net.Conn)) error {
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		go handle(newNamedConn("server", c))
	}
}

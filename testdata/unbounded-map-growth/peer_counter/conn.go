// Package peercounter: connections are numbered per peer address. One call
// passes a constant, the other the remote address, so every new peer adds a
// key that stays forever.
package peercounter

import (
	"fmt"
	"net"
	"sync"
)

var (
	countMu sync.Mutex
	perPeer = make(map[string]int)
)

func label(peer string) string {
	countMu.Lock()
	defer countMu.Unlock()
	perPeer[peer]++ // want "Map perPeer only grows"
	return fmt.Sprintf("%s#%d", peer, perPeer[peer])
}

// Serve labels each accepted connection and hands it to handle.
func Serve(l net.Listener, handle func(string, net.Conn)) error {
	fmt.Println(label("listener"))
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		go handle(label(c.RemoteAddr().String()), c)
	}
}

// Package syncmap stores session tokens read from a connection into a
// sync.Map; the map is safe for concurrent use, but every stored token
// aliases one read buffer.
package syncmap

import (
	"net"
	"strconv"
	"sync"
)

// Sessions maps session ids to tokens.
var Sessions sync.Map

// Accept reads count tokens of 32 bytes from conn.
func Accept(conn net.Conn, count int) error {
	token := make([]byte, 32)
	for i := 0; i < count; i++ {
		if _, err := conn.Read(token); err != nil {
			return err
		}
		Sessions.Store(strconv.Itoa(i), token) // want reused-buffer-alias
	}
	return nil
}

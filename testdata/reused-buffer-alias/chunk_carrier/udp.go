// Package chunkcarrier: a UDP reader names the datagram (payload := buf[:n])
// and files it by sender; payload is only another name for the reused buffer.
package chunkcarrier

import "net"

// Collector keeps the last datagram of each peer.
type Collector struct {
	last map[string][]byte
}

// NewCollector returns an empty Collector.
func NewCollector() *Collector {
	return &Collector{last: make(map[string][]byte)}
}

// Collect reads count datagrams from conn.
func (c *Collector) Collect(conn net.PacketConn, count int) error {
	buf := make([]byte, 1500)
	for i := 0; i < count; i++ {
		n, addr, err := conn.ReadFrom(buf)
		if err != nil {
			return err
		}
		payload := buf[:n]
		c.last[addr.String()] = payload // want "payload aliases the buffer buf"
	}
	return nil
}

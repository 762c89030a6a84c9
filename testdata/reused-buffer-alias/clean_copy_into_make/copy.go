// Package cleancopyintomake copies out of the reused buffer into a fresh
// slice made for the purpose.
package cleancopyintomake

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
		payload := make([]byte, n)
		copy(payload, buf[:n])
		c.last[addr.String()] = payload
	}
	return nil
}

// Package cleanpackageconst sizes buffers from the package's own constants
// and configuration, not from input.
package cleanpackageconst

import (
	"bufio"
	"io"
)

const (
	headerSize = 12
	slots      = 64
)

var defaultQueue = 128

type Server struct {
	queue int
}

// NewReader wraps a connection with a fixed-size buffer.
func NewReader(conn io.Reader) *bufio.Reader {
	return bufio.NewReaderSize(conn, headerSize*slots)
}

// Start makes the server's queues.
func (s *Server) Start(workers int) []chan []byte {
	qs := make([]chan []byte, 0, workers)
	for i := 0; i < workers; i++ {
		qs = append(qs, make(chan []byte, defaultQueue+s.queue))
	}
	hdr := make([]byte, headerSize)
	_ = hdr
	return qs
}

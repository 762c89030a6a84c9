// Package cleanlocalrequest points a loop-local request at the buffer and
// handles it synchronously before the next read: nothing keeps the alias.
package cleanlocalrequest

import "io"

// Request is one decoded request.
type Request struct {
	ID   int
	Body []byte
}

// Serve reads requests and hands each to handle before reading the next.
func Serve(r io.Reader, handle func(Request) error) error {
	buf := make([]byte, 8192)
	for id := 0; ; id++ {
		n, err := r.Read(buf)
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		var req Request
		req.ID = id
		req.Body = buf[:n]
		if err := handle(req); err != nil {
			return err
		}
	}
}

// Package namedresult reports progress from a goroutine that reads the named
// result written, while it is being written, by the copying code.
package namedresult

import (
	"io"
	"log"
	"time"
)

// CopyWithProgress copies src to dst, logging the byte count every second.
func CopyWithProgress(dst io.Writer, src io.Reader) (written int64, err error) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				log.Printf("copied %d bytes", written) // want "uses named result written, which CopyWithProgress assigns again at line 26"
			}
		}
	}()
	written, err = io.Copy(dst, src)
	close(done)
	return written, err
}

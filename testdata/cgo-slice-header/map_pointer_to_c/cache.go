// Package mappointertoc hands the *[]byte values of a map[string]*[]byte
// cache (seed 004's structure) to C: each is a pointer to a slice header.
package mappointertoc

/*
#include <stddef.h>
int send_frame(int fd, const void *buf, size_t n);
*/
import "C"

import "unsafe"

// Conn is a socket with frames cached by name.
type Conn struct {
	fd     C.int
	frames map[string]*[]byte
}

// NewConn returns a Conn for fd.
func NewConn(fd int) *Conn {
	return &Conn{fd: C.int(fd), frames: make(map[string]*[]byte)}
}

// SendCached sends the frame cached under name.
func (c *Conn) SendCached(name string) int {
	frame := c.frames[name]
	if frame == nil {
		return -1
	}
	return int(C.send_frame(c.fd, unsafe.Pointer(frame), C.size_t(len(*frame)))) // want "slice header of \(\*frame\)"
}

// SendBuf sends a buffer passed by pointer.
func (c *Conn) SendBuf(buf *[]byte) int {
	return int(C.send_frame(c.fd, unsafe.Pointer(buf), C.size_t(len(*buf)))) // want "C.send_frame receives unsafe.Pointer\(buf\)"
}

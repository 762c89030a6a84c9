// Package cleanescape allocates C memory that outlives the call on purpose:
// it is returned, or stored in a struct that frees it in Close.
package cleanescape

/*
#include <stdlib.h>
*/
import "C"

import "unsafe"

// Name is a C copy of a Go string, freed by Close.
type Name struct {
	p *C.char
}

// NewName copies s into C memory owned by the returned Name.
func NewName(s string) *Name {
	cs := C.CString(s)
	return &Name{p: cs}
}

// Close frees the C copy.
func (n *Name) Close() {
	C.free(unsafe.Pointer(n.p))
	n.p = nil
}

// Dup returns a C copy the caller must free.
func Dup(s string) *C.char {
	return C.CString(s)
}

// Buffer returns a malloc'd block through a named variable.
func Buffer(n int) unsafe.Pointer {
	p := C.malloc(C.size_t(n))
	return p
}

// Set stores the copy in a field directly.
func (n *Name) Set(s string) {
	n.p = C.CString(s)
}

// Track hands the copy to a Go helper that frees it later.
func Track(s string, release func(unsafe.Pointer)) {
	cs := C.CString(s)
	release(unsafe.Pointer(cs))
}

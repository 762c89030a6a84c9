// Package renamedimport does the same with unsafe and reflect imported under
// other names.
package renamedimport

import (
	rf "reflect"
	u "unsafe"
)

// View returns n bytes at p as a slice.
func View(p u.Pointer, n int) []byte {
	var b []byte
	h := (*rf.SliceHeader)(u.Pointer(&b))
	h.Data = uintptr(p) // want "Write to reflect.SliceHeader fields Data, Len, Cap of h"
	h.Len = n
	h.Cap = n
	return b
}

// Poke writes b at p+off.
func Poke(p u.Pointer, off uintptr, b byte) {
	*(*byte)(u.Pointer(uintptr(p) + off)) = b // want "uintptr arithmetic"
}

// Head views 4 bytes of a 2-byte array.
func Head() []byte {
	var two [2]byte
	return u.Slice(&two[0], 4) // want "reaches past the end of two"
}

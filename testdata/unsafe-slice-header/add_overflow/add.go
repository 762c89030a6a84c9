// Package addoverflow moves a pointer with unsafe.Add to the end of (or past)
// an object of known size.
package addoverflow

import "unsafe"

// Trailer returns a pointer just past an 8-byte header: outside the array.
func Trailer() *byte {
	var hdr [8]byte
	return (*byte)(unsafe.Add(unsafe.Pointer(&hdr[0]), 8)) // want "points 8 bytes into hdr, which is only 8 bytes long"
}

// HighHalf returns the upper half of x, assuming x is 8 bytes; it is 4.
func HighHalf(x *uint32) uint32 {
	var v uint32 = *x
	return *(*uint32)(unsafe.Add(unsafe.Pointer(&v), 4)) // want "unsafe.Add"
}

// Package cleanaddinbounds moves pointers with unsafe.Add inside the object.
package cleanaddinbounds

import "unsafe"

// Second returns the second uint32 of an 8-byte header.
func Second(hdr *[8]byte) uint32 {
	return *(*uint32)(unsafe.Add(unsafe.Pointer(&hdr[0]), 4))
}

// Last returns the last byte of a 16-byte array.
func Last() byte {
	var buf [16]byte
	buf[15] = 7
	return *(*byte)(unsafe.Add(unsafe.Pointer(&buf[0]), 15))
}

// Sum adds n uint16 values starting at p; the caller guarantees n.
func Sum(p unsafe.Pointer, n int) (s uint32) {
	for i := 0; i < n; i++ {
		s += uint32(*(*uint16)(unsafe.Add(p, i*2)))
	}
	return s
}

// SetSecond writes the second word in place with unsafe.Add.
func SetSecond(hdr *[8]byte, v uint32) {
	*(*uint32)(unsafe.Add(unsafe.Pointer(&hdr[0]), 4)) = v
}

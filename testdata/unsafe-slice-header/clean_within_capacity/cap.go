// Package cleanwithincapacity makes slices past the length but within the
// capacity, or exactly the array.
package cleanwithincapacity

import "unsafe"

// Spare views the spare capacity of a buffer made with room to grow.
func Spare() []byte {
	b := make([]byte, 4, 16)
	return unsafe.Slice(&b[0], len(b)+4)
}

// Tail views the last 14 bytes of a 16-byte array.
func Tail() []byte {
	var raw [16]byte
	return unsafe.Slice(&raw[2], 14)
}

// Full views all of b's capacity.
func Full(b []byte) []byte {
	return unsafe.Slice(&b[0], cap(b))
}

// Prefix views the first n bytes of b for n within len(b).
func Prefix(b []byte, n int) []byte {
	if n > len(b) {
		n = len(b)
	}
	return unsafe.Slice(&b[0], n)
}

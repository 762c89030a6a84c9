// Package cleanuintptrread reads through uintptr arithmetic in a single
// expression (allowed by the unsafe package's rules) and uses uintptr values
// for alignment checks only.
package cleanuintptrread

import "unsafe"

// Port reads the destination port at offset 2 of a UDP header.
func Port(pkt []byte) uint16 {
	return *(*uint16)(unsafe.Pointer(uintptr(unsafe.Pointer(&pkt[0])) + 2))
}

// Misaligned reports how far p is from 8-byte alignment.
func Misaligned(p unsafe.Pointer) uintptr {
	return uintptr(p) % 8
}

// Store writes through a real typed pointer.
func Store(p *uint32, v uint32) {
	q := unsafe.Pointer(p)
	*(*uint32)(q) = v
}

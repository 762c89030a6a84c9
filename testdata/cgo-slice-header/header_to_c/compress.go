// Package headertoc passes &src (the address of the slice header) to C where
// C expects the bytes: C compresses the 24 bytes of {data, len, cap} instead
// of the input (seed 004 §4.3).
package headertoc

/*
#include <stddef.h>
#include <stdint.h>
size_t compress_block(const void *src, size_t n, void *dst, size_t cap);
uint32_t crc32c(const unsigned char *p, size_t n);
*/
import "C"

import "unsafe"

// Compress compresses src into dst and returns the compressed length.
func Compress(src, dst []byte) int {
	n := C.compress_block(unsafe.Pointer(&src), C.size_t(len(src)), unsafe.Pointer(&dst[0]), C.size_t(len(dst))) // want "C.compress_block receives unsafe.Pointer\(&src\), a pointer to the Go slice header of src"
	return int(n)
}

// Checksum casts the header pointer to the element type C wants.
func Checksum(frame []byte) uint32 {
	return uint32(C.crc32c((*C.uchar)(unsafe.Pointer(&frame)), C.size_t(len(frame)))) // want "slice header of frame"
}

// ChecksumVia takes the header pointer in a variable first.
func ChecksumVia(frame []byte) uint32 {
	p := unsafe.Pointer(&frame)
	return uint32(C.crc32c((*C.uchar)(p), C.size_t(len(frame)))) // want "slice header of frame"
}

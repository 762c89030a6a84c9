// Package cleandatapointer passes the data pointer and the length, never the
// header.
package cleandatapointer

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
	if len(src) == 0 || len(dst) == 0 {
		return 0
	}
	n := C.compress_block(unsafe.Pointer(&src[0]), C.size_t(len(src)), unsafe.Pointer(&dst[0]), C.size_t(len(dst)))
	return int(n)
}

// Checksum passes the first element's address.
func Checksum(frame []byte) uint32 {
	if len(frame) == 0 {
		return 0
	}
	return uint32(C.crc32c((*C.uchar)(unsafe.Pointer(&frame[0])), C.size_t(len(frame))))
}

// ChecksumData uses unsafe.SliceData.
func ChecksumData(frame []byte) uint32 {
	return uint32(C.crc32c((*C.uchar)(unsafe.SliceData(frame)), C.size_t(len(frame))))
}

// ChecksumArray passes a pointer to an array: that is the data itself.
func ChecksumArray(block *[64]byte) uint32 {
	return uint32(C.crc32c((*C.uchar)(unsafe.Pointer(block)), 64))
}

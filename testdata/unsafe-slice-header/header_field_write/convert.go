// Package headerfieldwrite forges slice headers by writing Data, Len and Cap
// through (*reflect.SliceHeader)(unsafe.Pointer(&b)).
package headerfieldwrite

import (
	"reflect"
	"unsafe"
)

// StringToBytes reinterprets s as a byte slice.
func StringToBytes(s string) (b []byte) {
	bh := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s))
	bh.Data = sh.Data // want "Write to reflect.SliceHeader fields Data, Len, Cap of bh"
	bh.Len = sh.Len
	bh.Cap = sh.Len
	return b
}

// Grow extends b's length to n in place, trusting that the capacity is there.
func Grow(b []byte, n int) []byte {
	(*reflect.SliceHeader)(unsafe.Pointer(&b)).Len = n // want "Write to reflect.SliceHeader field Len"
	return b
}

// Region is a view of memory mapped elsewhere.
type Region struct {
	base uintptr
	size int
}

// Bytes returns the region as a byte slice.
func (r *Region) Bytes() []byte {
	var out []byte
	var hdr *reflect.SliceHeader = (*reflect.SliceHeader)(unsafe.Pointer(&out))
	hdr.Data = r.base // want "Write to reflect.SliceHeader fields Data, Len, Cap of hdr"
	hdr.Len = r.size
	hdr.Cap = r.size
	return out
}

// Truncated copies b's header, shortens the copy and converts it back.
func Truncated(b []byte, n int) []byte {
	hdr := *(*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Len = n // want "Write to reflect.SliceHeader field Len of hdr"
	return *(*[]byte)(unsafe.Pointer(&hdr))
}

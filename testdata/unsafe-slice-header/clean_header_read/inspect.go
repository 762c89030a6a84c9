// Package cleanheaderread only reads slice header fields of real slices.
package cleanheaderread

import (
	"reflect"
	"unsafe"
)

// Aligned reports whether b's data is 8-byte aligned.
func Aligned(b []byte) bool {
	return (*reflect.SliceHeader)(unsafe.Pointer(&b)).Data%8 == 0
}

// SameArray reports whether a and b start at the same address.
func SameArray(a, b []byte) bool {
	ha := (*reflect.SliceHeader)(unsafe.Pointer(&a))
	hb := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	return ha.Data == hb.Data && ha.Len > 0
}

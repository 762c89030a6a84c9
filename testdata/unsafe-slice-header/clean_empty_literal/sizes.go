// Package cleanemptyliteral only names the header types (sizes, reflection):
// no header is filled in.
package cleanemptyliteral

import (
	"reflect"
	"unsafe"
)

// HeaderSizes returns the sizes of the slice and string headers.
func HeaderSizes() (uintptr, uintptr) {
	return unsafe.Sizeof(reflect.SliceHeader{}), reflect.TypeOf(reflect.StringHeader{}).Size()
}

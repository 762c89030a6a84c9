// Package headerliteral converts a string to []byte without copying by
// building a reflect.SliceHeader literal (seed 004 §3.3). The header's Data is
// a plain uintptr: nothing keeps the string's bytes alive through it.
package headerliteral

import (
	"reflect"
	"unsafe"
)

// StringToBytes returns s's bytes without copying them.
func StringToBytes(s string) []byte {
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s))
	bh := reflect.SliceHeader{Data: sh.Data, Len: sh.Len, Cap: sh.Len} // want "Hand-built reflect.SliceHeader"
	return *(*[]byte)(unsafe.Pointer(&bh))
}

// BytesToString returns b as a string without copying it.
func BytesToString(b []byte) string {
	hdr := &reflect.StringHeader{ // want "Hand-built reflect.StringHeader.*unsafe.String"
		Data: uintptr(unsafe.Pointer(&b[0])),
		Len:  len(b),
	}
	return *(*string)(unsafe.Pointer(hdr))
}

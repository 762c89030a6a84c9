// Package cleanslicedata converts between strings and byte slices with the
// unsafe functions of Go 1.20, within the source's length.
package cleanslicedata

import "unsafe"

// StringToBytes returns s's bytes without copying; the result must not be modified.
func StringToBytes(s string) []byte {
	if s == "" {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// BytesToString returns b as a string without copying.
func BytesToString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// Data returns the address of b's first element (nil for an empty slice).
func Data(b []byte) *byte {
	return unsafe.SliceData(b)
}

// Same views b again through its data pointer.
func Same(b []byte) []byte {
	return unsafe.Slice(unsafe.SliceData(b), len(b))
}

// AsWords views a byte array as uint32 words.
func AsWords(raw *[16]byte) []uint32 {
	return unsafe.Slice((*uint32)(unsafe.Pointer(&raw[0])), 4)
}

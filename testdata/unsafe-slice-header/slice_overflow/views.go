// Package sliceoverflow makes slices with unsafe.Slice / unsafe.String that
// are longer than what the pointer points into.
package sliceoverflow

import "unsafe"

// Wide returns the header and, by mistake, the 16 bytes after it.
func Wide() []byte {
	var raw [16]byte
	return unsafe.Slice(&raw[0], 32) // want "reaches past the end of raw: it spans 32 elements from index 0, where raw has 16"
}

// Words views 16 words as 64.
func Words() []uint32 {
	words := make([]uint32, 16)
	return unsafe.Slice(unsafe.SliceData(words), 64) // want "reaches past the end of words"
}

// CString views name plus its NUL terminator, which Go strings don't have.
func CString(name []byte) string {
	return unsafe.String(&name[0], len(name)+1) // want "spans len\(name\)\+1 elements"
}

// Tail views the bytes after the first, one too many.
func Tail(b []byte) []byte {
	return unsafe.Slice(&b[1], len(b)) // want "reaches past the end of b"
}

// Padded views a literal table past its end.
func Padded() []byte {
	table := []byte{0x1f, 0x8b, 0x08}
	return unsafe.Slice(&table[0], 4) // want "where table has 3"
}

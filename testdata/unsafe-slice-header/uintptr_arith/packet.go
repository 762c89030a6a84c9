// Package uintptrarith patches fields of a packet through pointers computed
// with uintptr arithmetic (seed 004 §4.2): no bounds check, and a uintptr
// held in a variable is not a reference the garbage collector knows about.
package uintptrarith

import "unsafe"

// SetPort writes the destination port at offset 2 of a UDP header.
func SetPort(pkt []byte, port uint16) {
	*(*uint16)(unsafe.Pointer(uintptr(unsafe.Pointer(&pkt[0])) + 2)) = port // want "Write through a pointer computed with uintptr arithmetic"
}

// SetChecksum stores the pointer first, then writes through it.
func SetChecksum(pkt []byte, sum uint16) {
	p := unsafe.Pointer(uintptr(unsafe.Pointer(&pkt[0])) + 6)
	*(*uint16)(p) = sum // want "uintptr arithmetic"
}

// Fill writes v into n int32 slots starting at base, keeping the address in a uintptr.
func Fill(base *int32, n int, v int32) {
	for i := 0; i < n; i++ {
		addr := uintptr(unsafe.Pointer(base)) + uintptr(i)*4
		*(*int32)(unsafe.Pointer(addr)) = v // want "uintptr arithmetic"
	}
}

// Entry is a record in a table laid out by hand.
type Entry struct {
	Key   uint64
	Value uint64
}

// SetValue writes entry i's Value through a typed pointer made from an address.
func SetValue(table unsafe.Pointer, i int, v uint64) {
	e := (*Entry)(unsafe.Pointer(uintptr(table) + uintptr(i)*unsafe.Sizeof(Entry{})))
	e.Value = v // want "uintptr arithmetic"
}

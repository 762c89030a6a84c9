// Package cleanownheader has its own SliceHeader type (a wire format), not
// reflect's: writing its fields is ordinary Go.
package cleanownheader

// SliceHeader describes a slice in a serialized snapshot.
type SliceHeader struct {
	Data uint64
	Len  int
	Cap  int
}

// Describe fills h for a slice of n elements at offset off.
func Describe(off uint64, n int) SliceHeader {
	var h SliceHeader
	h.Data = off
	h.Len = n
	h.Cap = n
	return h
}

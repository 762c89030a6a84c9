// Package cbytesleak copies a payload into C memory with C.CBytes for a
// synchronous C call and forgets to free it.
package cbytesleak

/*
#include <stddef.h>
int upload(const void *p, size_t n);
*/
import "C"

// Upload sends payload through the C client.
func Upload(payload []byte) error {
	p := C.CBytes(payload) // want "C memory from C.CBytes\(payload\) in Upload is never freed"
	if rc := C.upload(p, C.size_t(len(payload))); rc != 0 {
		return errCode(rc)
	}
	return nil
}

type errCode C.int

func (e errCode) Error() string { return "upload failed" }

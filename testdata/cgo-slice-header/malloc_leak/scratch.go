// Package mallocleak allocates a C scratch buffer per call and never frees
// it.
package mallocleak

/*
#include <stdlib.h>
int render(char *out, size_t n, int id);
*/
import "C"

// Render renders item id into a string.
func Render(id int) string {
	out := (*C.char)(C.malloc(4096)) // want "C memory from C.malloc\(4096\) in Render is never freed: out"
	n := C.render(out, 4096, C.int(id))
	return C.GoStringN(out, n)
}

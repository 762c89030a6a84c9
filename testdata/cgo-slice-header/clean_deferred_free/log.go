// Package cleandeferredfree frees every C allocation, with defer, directly,
// or in a deferred closure.
package cleandeferredfree

/*
#include <stdlib.h>
#include <syslog.h>
void log_line(int prio, const char *msg);
int lookup(const char *key);
int upload(const void *p, size_t n);
*/
import "C"

import "unsafe"

// Info logs msg at info priority.
func Info(msg string) {
	cmsg := C.CString(msg)
	defer C.free(unsafe.Pointer(cmsg))
	C.log_line(C.LOG_INFO, cmsg)
}

// Lookup frees before returning.
func Lookup(key string) int {
	ckey := C.CString(key)
	slot := C.lookup(ckey)
	C.free(unsafe.Pointer(ckey))
	return int(slot)
}

// Upload frees in a deferred closure.
func Upload(payload []byte) int {
	p := C.CBytes(payload)
	defer func() {
		C.free(p)
	}()
	return int(C.upload(p, C.size_t(len(payload))))
}

// Package cstringleak copies Go strings into C with C.CString and never frees
// the copies.
package cstringleak

/*
#include <stdlib.h>
#include <syslog.h>
void log_line(int prio, const char *msg);
int lookup(const char *key);
*/
import "C"

// Info logs msg at info priority.
func Info(msg string) {
	C.log_line(C.LOG_INFO, C.CString(msg)) // want "C.CString\(msg\) is passed straight to C.log_line and never freed"
}

// Lookup asks the C side for key's slot.
func Lookup(key string) int {
	ckey := C.CString(key) // want "C memory from C.CString\(key\) in Lookup is never freed: ckey"
	slot := C.lookup(ckey)
	if slot < 0 {
		return -1
	}
	return int(slot)
}

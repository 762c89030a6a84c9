// Package cleantypecache: a codec caches the field layout of every struct
// type it has encoded. The keys are the program's types, a set fixed when it
// was compiled, so the cache stops growing once each type has been seen.
package cleantypecache

import (
	"reflect"
	"sync"
)

type fieldInfo struct {
	name  string
	index int
}

var (
	layoutMu sync.Mutex
	layouts  = map[reflect.Type][]fieldInfo{}
)

// layoutOf returns the exported fields of struct type t, computing them once.
func layoutOf(t reflect.Type) []fieldInfo {
	layoutMu.Lock()
	defer layoutMu.Unlock()
	if fs, ok := layouts[t]; ok {
		return fs
	}
	var fs []fieldInfo
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() {
			fs = append(fs, fieldInfo{name: f.Name, index: i})
		}
	}
	layouts[t] = fs
	return fs
}

// Fields returns the exported field names of the struct v points to.
func Fields(v interface{}) []string {
	var names []string
	for _, f := range layoutOf(reflect.TypeOf(v).Elem()) {
		names = append(names, f.name)
	}
	return names
}

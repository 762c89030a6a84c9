// Package cleanreadonly: the extension table is filled before any goroutine
// starts and only read afterwards; the per-call overrides map is filled by the
// parent before the go statements. Concurrent reads are safe.
package cleanreadonly

import (
	"path"
	"sync"
)

var mimeTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "text/javascript",
	".png":  "image/png",
}

// Detect returns the content type of every file, one goroutine per file.
func Detect(files []string) []string {
	overrides := make(map[string]string)
	overrides[".mjs"] = "text/javascript"
	types := make([]string, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func(i int, f string) {
			defer wg.Done()
			ext := path.Ext(f)
			if t, ok := overrides[ext]; ok {
				types[i] = t
				return
			}
			types[i] = mimeTypes[ext]
		}(i, f)
	}
	wg.Wait()
	return types
}

// Package cleanbufferstring keeps b.String() (a copy) of a reused
// bytes.Buffer.
package cleanbufferstring

import (
	"bytes"
	"fmt"
)

// Render returns the rendered page of every title.
func Render(titles []string) map[string]string {
	pages := make(map[string]string, len(titles))
	var b bytes.Buffer
	for _, t := range titles {
		b.Reset()
		fmt.Fprintf(&b, "<h1>%s</h1>", t)
		pages[t] = b.String()
	}
	return pages
}

// Package bytesbuffer renders templates into one bytes.Buffer that is Reset
// for every page, keeping b.Bytes() of each: all pages share the buffer.
package bytesbuffer

import (
	"bytes"
	"fmt"
)

// Render returns the rendered page of every title.
func Render(titles []string) map[string][]byte {
	pages := make(map[string][]byte, len(titles))
	var b bytes.Buffer
	for _, t := range titles {
		b.Reset()
		fmt.Fprintf(&b, "<h1>%s</h1>", t)
		pages[t] = b.Bytes() // want "b.Bytes\(\) aliases the buffer b"
	}
	return pages
}

// Package cleaninitonly: the maps are filled while the program starts (init,
// package-level initializers, registration functions called from init).
package cleaninitonly

import "strings"

// Codec encodes names.
type Codec func(string) string

var codecs = map[string]Codec{}

var mimeByExt = map[string]string{}

func register(name string, c Codec) {
	codecs[name] = c
}

func init() {
	register("upper", strings.ToUpper)
	register("lower", strings.ToLower)
	for _, pair := range []string{".html=text/html", ".css=text/css", ".js=text/javascript"} {
		ext, typ, _ := strings.Cut(pair, "=")
		mimeByExt[ext] = typ
	}
}

// Encode applies the named codec.
func Encode(name, s string) string {
	if c, ok := codecs[name]; ok {
		return c(s)
	}
	return s
}

// Mime returns the type for ext.
func Mime(ext string) string {
	return mimeByExt[ext]
}

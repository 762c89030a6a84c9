// Package cleanscannertext keeps sc.Text() (a new string) or a clone of
// sc.Bytes(), never the scanner's buffer itself.
package cleanscannertext

import (
	"bufio"
	"bytes"
	"io"
)

// Lines returns the lines of r as strings and as byte slices.
func Lines(r io.Reader) ([]string, [][]byte, error) {
	sc := bufio.NewScanner(r)
	var text []string
	var raw [][]byte
	for sc.Scan() {
		text = append(text, sc.Text())
		raw = append(raw, bytes.Clone(sc.Bytes()))
	}
	return text, raw, sc.Err()
}

// Package scannerbytes: bufio.Scanner.Bytes returns a view into the scanner's
// buffer that the next Scan overwrites; keeping it collects garbage.
package scannerbytes

import (
	"bufio"
	"bytes"
	"io"
)

// NonEmptyLines returns the non-empty lines of r.
func NonEmptyLines(r io.Reader) ([][]byte, error) {
	sc := bufio.NewScanner(r)
	var lines [][]byte
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		lines = append(lines, sc.Bytes()) // want "sc.Bytes\(\) aliases the buffer sc"
	}
	return lines, sc.Err()
}

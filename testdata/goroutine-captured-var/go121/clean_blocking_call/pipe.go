// Package cleanblockingcall: the goroutine writes into a pipe that the loop
// body drains right after starting it; ReadAll returns only once the
// goroutine has closed the pipe, so the loop variable can't change under it.
package cleanblockingcall

import (
	"io"
	"strings"
)

// Joined writes each group's chunks through a pipe and reads them back.
func Joined(groups [][]string) ([]string, error) {
	var out []string
	for _, chunks := range groups {
		pr, pw := io.Pipe()
		go func() {
			for _, c := range chunks {
				io.WriteString(pw, c)
			}
			pw.Close()
		}()
		b, err := io.ReadAll(pr)
		if err != nil {
			return nil, err
		}
		out = append(out, strings.TrimSpace(string(b)))
	}
	return out, nil
}

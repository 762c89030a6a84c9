// Package cleanlocalinput reads sizes from the user's own terminal and
// files: standard input and a local file are not a remote peer's input.
package cleanlocalinput

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

const maxGrid = 1 << 12

// ReadMatrix reads "n" and then n rows from standard input.
func ReadMatrix() ([][]int, error) {
	sc := bufio.NewScanner(os.Stdin)
	if !sc.Scan() {
		return nil, errors.New("no size")
	}
	n, err := strconv.Atoi(strings.TrimSpace(sc.Text()))
	if err != nil {
		return nil, err
	}
	rows := make([][]int, n)
	return rows, nil
}

// LoadCounts reads a count from a local file.
func LoadCounts(path string) ([]int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		return nil, err
	}
	return make([]int64, n), nil
}

// ReadGrid records the error and leaves afterwards.
func ReadGrid(in *bufio.Reader) ([]byte, error) {
	line, err := in.ReadString('\n')
	if err != nil {
		return nil, err
	}
	var w, h int
	if _, err := fmt.Sscanf(line, "%d %d", &w, &h); err != nil {
		return nil, err
	}
	if w*h > maxGrid {
		err = fmt.Errorf("grid %dx%d too large", w, h)
	}
	if err != nil {
		return nil, err
	}
	return make([]byte, w*h), nil
}

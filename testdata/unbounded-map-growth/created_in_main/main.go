// Command createdinmain indexes every line it reads by its first word; the
// index is created once in main and lives until exit, and lines keep coming.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// Index maps words to the lines that start with them.
type Index struct {
	byWord map[string][]string
}

func (ix *Index) add(line string) {
	w, _, _ := strings.Cut(line, " ")
	ix.byWord[w] = append(ix.byWord[w], line) // want "Map ix.byWord only grows.*created in main"
}

func main() {
	ix := &Index{byWord: map[string][]string{}}
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		ix.add(sc.Text())
		fmt.Println(len(ix.byWord[sc.Text()]))
	}
}

// Package cleanpergoroutinebuffers: each worker renders into a buffer it
// allocated itself and stores it in its own slot; the caller joins the
// buffers after wg.Wait(). No byte buffer is shared. Safe.
package cleanpergoroutinebuffers

import (
	"bytes"
	"strconv"
	"sync"
)

// RenderRows renders every row as a CSV line, one goroutine per row.
func RenderRows(rows [][]int) []byte {
	parts := make([][]byte, len(rows))
	var wg sync.WaitGroup
	for i, row := range rows {
		wg.Add(1)
		go func(i int, row []int) {
			defer wg.Done()
			var buf []byte
			for j, v := range row {
				if j > 0 {
					buf = append(buf, ',')
				}
				buf = strconv.AppendInt(buf, int64(v), 10)
			}
			buf = append(buf, '\n')
			parts[i] = buf
		}(i, row)
	}
	wg.Wait()
	return bytes.Join(parts, nil)
}

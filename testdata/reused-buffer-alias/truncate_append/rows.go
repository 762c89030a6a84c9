// Package truncateappend: the buffer is reset with buf = buf[:0] and refilled
// with append; the stored slices all share its backing array.
package truncateappend

import (
	"strconv"
	"strings"
)

// Keys builds "tenant/name" keys in one scratch buffer.
func Keys(tenant string, names []string) [][]byte {
	var keys [][]byte
	key := make([]byte, 0, 128)
	for _, name := range names {
		key = key[:0]
		key = append(key, tenant...)
		key = append(key, '/')
		key = append(key, name...)
		keys = append(keys, key) // want "key aliases the buffer key"
	}
	return keys
}

// SplitRows splits CSV-ish lines, reusing one fields slice for every row.
func SplitRows(lines []string) [][]string {
	rows := make([][]string, 0, len(lines))
	fields := make([]string, 0, 16)
	for _, line := range lines {
		fields = append(fields[:0], strings.Split(line, ",")...)
		rows = append(rows, fields) // want "slices.Clone\(fields\)"
	}
	return rows
}

// Decimal renders each number into one scratch buffer with strconv.AppendInt.
func Decimal(nums []int64) [][]byte {
	out := make([][]byte, 0, len(nums))
	var num []byte
	for _, n := range nums {
		num = strconv.AppendInt(num[:0], n, 10)
		out = append(out, num) // want "num aliases the buffer num.*strconv.AppendInt\(num\[:0\], n, 10\)"
	}
	return out
}

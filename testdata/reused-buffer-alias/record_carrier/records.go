// Package recordcarrier: the alias reaches the result through a loop-local
// struct: rec := Record{Payload: buf[:n]} is fresh each iteration, but its
// Payload field points into the one reused buffer.
package recordcarrier

import (
	"bufio"
	"encoding/binary"
	"io"
)

// Record is one decoded log record.
type Record struct {
	Seq     uint32
	Payload []byte
}

// Decode reads (seq, len, payload) records.
func Decode(br *bufio.Reader) ([]Record, error) {
	var records []Record
	payload := make([]byte, 4096)
	var head [8]byte
	for {
		if _, err := io.ReadFull(br, head[:]); err != nil {
			if err == io.EOF {
				break
			}
			return nil, err
		}
		n := binary.LittleEndian.Uint32(head[4:])
		if int(n) > len(payload) {
			return nil, io.ErrShortBuffer
		}
		if _, err := io.ReadFull(br, payload[:n]); err != nil {
			return nil, err
		}
		rec := Record{Seq: binary.LittleEndian.Uint32(head[:4]), Payload: payload[:n]}
		records = append(records, rec) // want "rec \(holding payload\[:n\]\) aliases the buffer payload.*bytes.Clone\(payload\[:n\]\)"
	}
	return records, nil
}

// Index keeps a pointer to a fresh Record per key, still pointing into the reused buffer.
func Index(keys []string, src io.Reader) (map[string]*Record, error) {
	idx := make(map[string]*Record, len(keys))
	buf := make([]byte, 512)
	for i, k := range keys {
		n, err := src.Read(buf)
		if err != nil {
			return nil, err
		}
		idx[k] = &Record{Seq: uint32(i), Payload: buf[:n]} // want reused-buffer-alias
	}
	return idx, nil
}

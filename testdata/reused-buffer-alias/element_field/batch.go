// Package elementfield fills a field of each element of a batch with a slice
// of the read buffer, and builds values with append(buf[:0], ...) without
// keeping the result in buf: every element ends up pointing at the same bytes.
package elementfield

import (
	"io"
	"strconv"
)

// Message is one entry of a batch.
type Message struct {
	ID   string
	Body []byte
}

// ReadBatch reads len(batch) bodies of up to 256 bytes.
func ReadBatch(r io.Reader, batch []*Message) error {
	buf := make([]byte, 256)
	for i := range batch {
		n, err := r.Read(buf)
		if err != nil {
			return err
		}
		batch[i].Body = buf[:n] // want "buf\[:n\] aliases the buffer buf, which this loop reuses, and is stored in field batch\[i\].Body"
	}
	return nil
}

// Labels renders "id=<n>" for every id into one scratch slice.
func Labels(ids []int) map[int][]byte {
	labels := make(map[int][]byte, len(ids))
	scratch := make([]byte, 0, 32)
	for _, id := range ids {
		labels[id] = append(scratch[:0], "id="+strconv.Itoa(id)...) // want "aliases the buffer scratch"
	}
	return labels
}

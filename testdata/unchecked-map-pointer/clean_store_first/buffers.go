// Package cleanstorefirst: the key is stored with a fresh pointer earlier in
// the same function, so reading it back is safe.
package cleanstorefirst

// Buffers are byte buffers by name.
type Buffers struct {
	m map[string]*[]byte
}

// NewBuffers returns an empty set of buffers.
func NewBuffers() *Buffers {
	return &Buffers{m: make(map[string]*[]byte)}
}

// Write appends b to name's buffer, creating it when missing.
func (bs *Buffers) Write(name string, b []byte) int {
	if bs.m[name] == nil {
		buf := make([]byte, 0, 64)
		bs.m[name] = &buf
	}
	*bs.m[name] = append(*bs.m[name], b...)
	return len(*bs.m[name])
}

// Reset replaces name's buffer with an empty one and returns it.
func (bs *Buffers) Reset(name string) *[]byte {
	buf := []byte{}
	bs.m[name] = &buf
	*bs.m[name] = (*bs.m[name])[:0]
	return bs.m[name]
}

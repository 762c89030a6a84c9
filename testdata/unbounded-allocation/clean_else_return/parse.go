// Package cleanelsereturn bounds sizes in an if/else: the allocation sits in
// the branch where the size was checked, or after an else that returns.
package cleanelsereturn

import (
	"encoding/binary"
	"errors"
	"io"
)

const maxNames = 4096

var errTooMany = errors.New("too many names")

// ReadNames reads a count and then that many fixed-size names.
func ReadNames(r io.Reader) ([][16]byte, error) {
	var count uint32
	if err := binary.Read(r, binary.BigEndian, &count); err != nil {
		return nil, err
	}
	if count > maxNames {
		return nil, errTooMany
	} else {
		names := make([][16]byte, count)
		err := binary.Read(r, binary.BigEndian, names)
		return names, err
	}
}

// ReadIDs checks the count with the bound in the if and the error in the else.
func ReadIDs(r io.Reader) ([]uint64, error) {
	var count uint32
	if err := binary.Read(r, binary.BigEndian, &count); err != nil {
		return nil, err
	}
	if count <= maxNames {
		// accepted
	} else {
		return nil, errTooMany
	}
	ids := make([]uint64, count)
	return ids, binary.Read(r, binary.BigEndian, ids)
}

// ReadTags switches on the size.
func ReadTags(b []byte) ([]string, error) {
	n := binary.LittleEndian.Uint32(b)
	switch {
	case n == 0:
		return nil, nil
	case n > maxNames:
		return nil, errTooMany
	default:
		return make([]string, n), nil
	}
}

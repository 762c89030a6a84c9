// Package binaryheader parses a record file format: a fixed header read with
// binary.Read, then as many entries as the header claims.
package binaryheader

import (
	"encoding/binary"
	"io"
)

type header struct {
	Magic   uint32
	Version uint16
	Entries uint32
	NameLen uint32
}

type entry struct {
	Offset uint64
	Size   uint64
}

// Load parses a record stream.
func Load(r io.Reader) ([]entry, string, error) {
	var h header
	if err := binary.Read(r, binary.LittleEndian, &h); err != nil {
		return nil, "", err
	}
	entries := make([]entry, h.Entries) // want "binary.Read into h"
	if err := binary.Read(r, binary.LittleEndian, entries); err != nil {
		return nil, "", err
	}
	var nameLen uint32
	if err := binary.Read(r, binary.LittleEndian, &nameLen); err != nil {
		return nil, "", err
	}
	name := make([]byte, nameLen) // want unbounded-allocation
	if _, err := io.ReadFull(r, name); err != nil {
		return nil, "", err
	}
	return entries, string(name), nil
}

// Package gobxmlcount restores snapshots sent by peers: gob and XML messages
// whose counts size the allocations.
package gobxmlcount

import (
	"encoding/gob"
	"encoding/xml"
	"net"
)

type snapshot struct {
	Shards int
	Keys   int
}

type manifest struct {
	XMLName xml.Name `xml:"manifest"`
	Files   int      `xml:"files,attr"`
}

// Restore reads one snapshot description from a peer.
func Restore(conn net.Conn) ([][]string, error) {
	dec := gob.NewDecoder(conn)
	var snap snapshot
	if err := dec.Decode(&snap); err != nil {
		return nil, err
	}
	shards := make([][]string, snap.Shards) // want "gob decoding into snap"
	for i := range shards {
		shards[i] = make([]string, 0, snap.Keys/len(shards)) // want unbounded-allocation
	}
	return shards, nil
}

// ParseManifest reads an uploaded manifest.
func ParseManifest(data []byte) ([]string, error) {
	var m manifest
	if err := xml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	names := make([]string, m.Files) // want "xml.Unmarshal into m"
	return names, nil
}

package blobptrelem

import "testing"

func TestOverlappingRepairs(t *testing.T) {
	f := NewFrames(256, "cam-1")
	lost := [][2]int{{0, 128}, {64, 192}, {100, 256}}
	for i := 0; i < 20; i++ {
		f.Repair("cam-1", lost, 0xFF)
	}
}

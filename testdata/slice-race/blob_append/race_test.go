package blobappend

import "testing"

func TestReceive(t *testing.T) {
	u := NewUploads("backup.tar")
	parts := make([][]byte, 100)
	for i := range parts {
		parts[i] = []byte("0123456789")
	}
	u.Receive("backup.tar", parts)
}

package cleancopylocal

import "testing"

func TestChecksumAll(t *testing.T) {
	payloads := make([][]byte, 50)
	for i := range payloads {
		payloads[i] = make([]byte, 512)
		payloads[i][0] = byte(i)
	}
	ChecksumAll(payloads)
}

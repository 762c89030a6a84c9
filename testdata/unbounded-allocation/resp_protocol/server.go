// Package respprotocol implements a RESP-like text protocol: "$<len>\r\n"
// followed by the bulk string, the length taken from the line as sent.
package respprotocol

import (
	"bufio"
	"errors"
	"io"
	"strconv"
	"strings"
)

var errProtocol = errors.New("protocol error")

// ReadBulk reads one bulk string.
func ReadBulk(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadString('\n')
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(line, "$") {
		return nil, errProtocol
	}
	n, err := strconv.Atoi(strings.TrimSpace(line[1:]))
	if err != nil || n < 0 {
		return nil, errProtocol
	}
	bulk := make([]byte, n+2) // want "a line read from a reader"
	if _, err := io.ReadFull(br, bulk); err != nil {
		return nil, err
	}
	return bulk[:n], nil
}

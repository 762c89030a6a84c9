// Package cleanstringkey converts the reused buffer to a string (a copy)
// before storing it, and indexes by the string.
package cleanstringkey

import "net"

// Accept reads count tokens of 32 bytes from conn and counts them.
func Accept(conn net.Conn, count int) (map[string]int, []string, error) {
	seen := make(map[string]int)
	var order []string
	token := make([]byte, 32)
	for i := 0; i < count; i++ {
		if _, err := conn.Read(token); err != nil {
			return nil, nil, err
		}
		seen[string(token)]++
		order = append(order, string(token))
	}
	return seen, order, nil
}

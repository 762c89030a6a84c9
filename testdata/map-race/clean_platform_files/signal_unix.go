//go:build unix

package cleanplatformfiles

var unixSignals = map[string]int{"hup": 1, "int": 2, "quit": 3, "term": 15}

func signum(name string) int {
	if n, ok := unixSignals[name]; ok {
		return n
	}
	return -1
}

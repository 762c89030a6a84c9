package platformfiles

const numSig = 64

var sigtab = make(map[string]int)

func signum(name string) int {
	n, ok := sigtab[name]
	if !ok {
		n = len(sigtab) + 1
		if n > numSig {
			return -1
		}
		sigtab[name] = n // want map-race
	}
	return n
}

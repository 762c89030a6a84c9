// Package joinedincallee: acquire retries until a quorum of peers grants the
// lock. On failure an attempt releases the grants on goroutines it does not
// wait for, so the next attempt clears the grants while they still run.
package joinedincallee

func release(grants []string) {
	for i := range grants {
		go func(i int) {
			if grants[i] != "" {
				grants[i] = "" // want slice-race
			}
		}(i)
	}
}

func attempt(grants []string, round int) bool {
	for i := range grants {
		grants[i] = "" // want slice-race
	}
	for i := range grants {
		if (i+round)%3 == 0 {
			grants[i] = "peer" // want slice-race
		}
	}
	if round < 20 {
		release(grants)
		return false
	}
	return true
}

// Acquire retries until an attempt succeeds.
func Acquire() []string {
	grants := make([]string, 16)
	for round := 0; ; round++ {
		if attempt(grants, round) {
			return grants
		}
	}
}

// Package cleanjoinedincallee: acquire retries until a quorum of peers
// grants the lock. Each attempt clears the grants, marks the peers that
// grant it and, on failure, releases the grants on goroutines it waits for
// before it returns: the next attempt's writes come after. Safe.
package cleanjoinedincallee

// fixture: summaries only (the walker does not see that attempt joins its goroutines)

import "sync"

func release(grants []string) {
	var wg sync.WaitGroup
	for i := range grants {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if grants[i] != "" {
				grants[i] = ""
			}
		}(i)
	}
	wg.Wait()
}

func attempt(grants []string, round int) bool {
	for i := range grants {
		grants[i] = ""
	}
	for i := range grants {
		if (i+round)%3 == 0 {
			grants[i] = "peer"
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

// Package cleanownerdelete: the janitor goroutine owns the session map.
// Deleting entries while ranging is allowed in Go when the same goroutine does
// both, and no other goroutine touches the map (logins arrive over a channel).
package cleanownerdelete

import "time"

type login struct {
	id      string
	expires time.Time
}

// Janitor tracks session expiry on its own goroutine.
type Janitor struct {
	logins chan login
	sweeps chan time.Time
	counts chan int
}

// NewJanitor starts the owner goroutine.
func NewJanitor() *Janitor {
	j := &Janitor{logins: make(chan login), sweeps: make(chan time.Time), counts: make(chan int)}
	go j.run()
	return j
}

func (j *Janitor) run() {
	expiry := make(map[string]time.Time)
	for {
		select {
		case l, ok := <-j.logins:
			if !ok {
				return
			}
			expiry[l.id] = l.expires
		case now := <-j.sweeps:
			for id, exp := range expiry {
				if exp.Before(now) {
					delete(expiry, id)
				}
			}
			j.counts <- len(expiry)
		}
	}
}

// Login records a session that expires at exp.
func (j *Janitor) Login(id string, exp time.Time) { j.logins <- login{id, exp} }

// Sweep removes sessions expired at now and returns how many remain.
func (j *Janitor) Sweep(now time.Time) int {
	j.sweeps <- now
	return <-j.counts
}

// Close stops the owner goroutine.
func (j *Janitor) Close() { close(j.logins) }

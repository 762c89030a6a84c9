// Package afterfunc schedules one timer per backoff step; each callback uses
// the loop variable, which has moved on by the time the timers fire.
package afterfunc

import (
	"log"
	"time"
)

// Schedule logs each attempt number after its delay.
func Schedule(delays []time.Duration) []*time.Timer {
	var timers []*time.Timer
	for attempt, d := range delays {
		timers = append(timers, time.AfterFunc(d, func() {
			log.Printf("retry attempt %d", attempt) // want "time.AfterFunc callback started at line 14 uses loop variable attempt"
		}))
	}
	return timers
}

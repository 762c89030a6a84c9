// Package crossfile: the map write is in dedup.go, the goroutines that call it
// are started in workers.go. Every worker goroutine writes q.seen unlocked.
package crossfile

// Queue processes jobs once each.
type Queue struct {
	seen map[string]bool
}

// NewQueue returns an empty queue.
func NewQueue() *Queue { return &Queue{seen: make(map[string]bool)} }

func (q *Queue) markSeen(job string) {
	q.seen[job] = true // want map-race
}

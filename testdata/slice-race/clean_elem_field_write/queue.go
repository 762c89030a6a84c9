// Package cleanelemfieldwrite: the twin of elem_field_write. The worker's
// writes to the elements' fields and Done's range over them both hold q.mu. Safe.
package cleanelemfieldwrite

import "sync"

type task struct {
	name string
	done bool
}

// Queue holds tasks a worker marks done.
type Queue struct {
	mu    sync.Mutex
	tasks []task
}

// NewQueue makes a queue of n tasks.
func NewQueue(n int) *Queue { return &Queue{tasks: make([]task, n)} }

// Run marks every task done on a goroutine of its own.
func (q *Queue) Run() <-chan struct{} {
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for i := range q.tasks {
			q.mu.Lock()
			q.tasks[i].done = true
			q.mu.Unlock()
		}
	}()
	return finished
}

// Done counts the tasks done so far.
func (q *Queue) Done() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	n := 0
	for _, t := range q.tasks {
		if t.done {
			n++
		}
	}
	return n
}

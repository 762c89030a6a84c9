// Package elemfieldwrite: the worker goroutine marks tasks done by writing a
// field of the slice's elements (q.tasks[i].done = true: the element itself),
// while Done ranges over the elements without the lock.
package elemfieldwrite

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
			q.tasks[i].done = true // want slice-race
		}
	}()
	return finished
}

// Done counts the tasks done so far.
func (q *Queue) Done() int {
	n := 0
	for _, t := range q.tasks {
		if t.done {
			n++
		}
	}
	return n
}

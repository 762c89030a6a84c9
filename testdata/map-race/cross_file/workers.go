package crossfile

import "sync"

// Run processes jobs on one goroutine per job.
func (q *Queue) Run(jobs []string) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func(job string) {
			defer wg.Done()
			q.markSeen(job)
		}(job)
	}
	wg.Wait()
}

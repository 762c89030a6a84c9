// Package errhalflocked: the reading goroutine takes the mutex to record its
// error, but the caller assigns err without it, so the two writes race.
package errhalflocked

import (
	"io"
	"sync"
)

// Pump copies in to out on a goroutine while it writes msgs to w.
func Pump(out io.Writer, in io.Reader, w io.Writer, msgs [][]byte) error {
	var (
		err error
		mu  sync.Mutex
		wg  sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		if _, readErr := io.Copy(out, in); readErr != nil {
			mu.Lock()
			if err == nil { // want "goroutine started at line 18 uses variable err, which Pump assigns again at line 30"
				err = readErr
			}
			mu.Unlock()
		}
	}()

	for _, m := range msgs {
		if _, err = w.Write(m); err != nil {
			break
		}
	}
	wg.Wait()
	return err
}

// Package cleanerrlocked: a bidirectional stream reads on a goroutine and
// writes on the caller's; both record the first error in one variable, each
// under the same mutex, and the caller waits before it returns the error.
package cleanerrlocked

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
			if err == nil {
				err = readErr
			}
			mu.Unlock()
		}
	}()

	for _, m := range msgs {
		if _, writeErr := w.Write(m); writeErr != nil {
			mu.Lock()
			if err == nil {
				err = writeErr
			}
			mu.Unlock()
			break
		}
	}
	wg.Wait()
	return err
}

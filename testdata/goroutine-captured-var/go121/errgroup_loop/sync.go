// Package errgrouploop runs an errgroup-style callback per item; the callback
// uses the range value, shared by all iterations before Go 1.22.
// (Group mirrors golang.org/x/sync/errgroup so the fixture needs no download.)
package errgrouploop

import "sync"

// Group runs functions on goroutines and returns the first error.
type Group struct {
	wg   sync.WaitGroup
	once sync.Once
	err  error
}

// Go runs f on a new goroutine.
func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.once.Do(func() { g.err = err })
		}
	}()
}

// Wait waits for every f and returns the first error.
func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}

// Item is something to upload.
type Item struct {
	Key  string
	Data []byte
}

// UploadAll uploads every item concurrently.
func UploadAll(items []Item, upload func(string, []byte) error) error {
	var g Group
	for _, item := range items {
		g.Go(func() error {
			return upload(item.Key, item.Data) // want "g.Go callback started at line 42 uses loop variable item.*item := item before the call"
		})
	}
	return g.Wait()
}

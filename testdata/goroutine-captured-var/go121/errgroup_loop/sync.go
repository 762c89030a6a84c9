// Package errgrouploop runs an errgroup callback per item; the callback
// uses the range value, shared by all iterations before Go 1.22.
package errgrouploop

import "example.com/gcv/go121/errgroup_loop/errgroup"

// Item is something to upload.
type Item struct {
	Key  string
	Data []byte
}

// UploadAll uploads every item concurrently.
func UploadAll(items []Item, upload func(string, []byte) error) error {
	var g errgroup.Group
	for _, item := range items {
		g.Go(func() error {
			return upload(item.Key, item.Data) // want "g.Go callback started at line 17 uses loop variable item.*item := item before the call"
		})
	}
	return g.Wait()
}

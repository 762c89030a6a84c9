// Package cleanshadow copies the loop variables (v := v) before the closures.
package cleanshadow

import (
	"sync"
	"testing"
)

// UploadAll uploads every item concurrently.
func UploadAll(keys []string, upload func(string) error) []error {
	errs := make([]error, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		i, k := i, k
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = upload(k)
		}()
	}
	wg.Wait()
	return errs
}

// RunCases runs parallel subtests with a copied case.
func RunCases(t *testing.T, cases []string, check func(*testing.T, string)) {
	for _, tc := range cases {
		tc := tc
		t.Run(tc, func(t *testing.T) {
			t.Parallel()
			check(t, tc)
		})
	}
}

// Sequential uses the case before t.Parallel() only (a subtest's setup runs synchronously).
func Sequential(t *testing.T, cases []string, check func(*testing.T, string)) {
	for _, tc := range cases {
		t.Run(tc, func(t *testing.T) {
			name := tc
			t.Parallel()
			check(t, name)
		})
	}
}

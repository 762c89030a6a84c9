// Package cleansubtestwait: each (sequential) sub-benchmark starts goroutines
// that use the outer loop variable and waits for them before returning.
package cleansubtestwait

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

func BenchmarkTickers(b *testing.B) {
	for _, d := range []time.Duration{time.Microsecond, time.Millisecond} {
		b.Run(fmt.Sprint(d), func(b *testing.B) {
			var wg sync.WaitGroup
			for j := 0; j < 4; j++ {
				wg.Add(1)
				go func(j int) {
					defer wg.Done()
					for i := 0; i < b.N; i++ {
						time.Sleep(d / time.Duration(j+1))
					}
				}(j)
			}
			wg.Wait()
		})
	}
}

package cleanconfinement

import (
	"strconv"
	"sync"
	"testing"
)

func TestConcurrentClients(t *testing.T) {
	r := NewRegistry()
	defer r.Close()
	var wg sync.WaitGroup
	for c := 0; c < 8; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				k := strconv.Itoa(c) + "/" + strconv.Itoa(i)
				r.Set(k, "v")
				if r.Get(k) != "v" {
					t.Error("lost write")
				}
			}
		}(c)
	}
	wg.Wait()
}

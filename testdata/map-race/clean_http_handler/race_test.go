package cleanhttphandler

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Concurrent requests straight into the mux: like net/http's per-connection
// goroutines, minus the sockets (which the race detector counts as
// synchronization, so real connections can hide the race on one CPU).
func TestConcurrentVisits(t *testing.T) {
	var wg sync.WaitGroup
	for c := 0; c < 8; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				rec := httptest.NewRecorder()
				http.DefaultServeMux.ServeHTTP(rec, httptest.NewRequest("GET", "/visit/home", nil))
				if rec.Code != http.StatusOK {
					t.Errorf("status %d", rec.Code)
				}
			}
		}()
	}
	wg.Wait()
}

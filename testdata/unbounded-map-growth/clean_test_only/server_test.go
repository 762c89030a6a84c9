package cleantestonly

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

type recorder struct {
	mu   sync.Mutex
	seen map[string]int
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec.mu.Lock()
	rec.seen[r.URL.Path]++
	rec.mu.Unlock()
	Handler(w, r)
}

func TestHandler(t *testing.T) {
	rec := &recorder{seen: map[string]int{}}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/x")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if rec.seen["/x"] != 1 {
		t.Fatalf("seen %v", rec.seen)
	}
}

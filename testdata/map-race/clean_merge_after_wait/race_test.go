package cleanmergeafterwait

import "testing"

func TestWordCount(t *testing.T) {
	docs := make([]string, 300)
	for i := range docs {
		docs[i] = "go map race go"
	}
	if got := WordCount(docs)["go"]; got != 600 {
		t.Fatalf("go = %d, want 600", got)
	}
}

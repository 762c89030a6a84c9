package cleanerrgroupwithcontext

import (
	"context"
	"strconv"
	"testing"
)

func TestTotal(t *testing.T) {
	words := make([]string, 500)
	for i := range words {
		words[i] = "word" + strconv.Itoa(i)
	}
	if _, err := Total(context.Background(), words); err != nil {
		t.Fatal(err)
	}
}

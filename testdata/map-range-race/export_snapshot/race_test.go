package exportsnapshot

import (
	"strconv"
	"testing"
)

func TestRotate(t *testing.T) {
	sessions := map[string]string{}
	for i := 0; i < 100; i++ {
		sessions["old"+strconv.Itoa(i)] = "old"
	}
	next := make([]string, 500)
	for i := range next {
		next[i] = "s" + strconv.Itoa(i)
	}
	for i := 0; i < 20; i++ {
		Rotate(sessions, next)
	}
}

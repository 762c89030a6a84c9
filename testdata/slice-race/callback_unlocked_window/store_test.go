package callbackunlockedwindow

import (
	"runtime"
	"testing"
)

func TestRun(t *testing.T) {
	calls := 0
	s := &Store{cb: func(int) { calls++; runtime.Gosched() }}
	Run(s, 20000)
	if calls == 0 {
		t.Fatal("no callback")
	}
}

package cleanheadercopy

import "testing"

func TestWidth(t *testing.T) {
	l := &Log{}
	in := make(chan string)
	done := l.Run(in)
	go func() {
		for i := 0; i < 2000; i++ {
			in <- "line"
		}
		close(in)
	}()
	for i := 0; i < 500; i++ {
		_ = l.Width()
	}
	<-done
}

package headerreads

import "testing"

func TestRecorder(t *testing.T) {
	r := &Recorder{}
	in := make(chan string)
	done := r.Run(in)
	go func() {
		for i := 0; i < 1000; i++ {
			in <- "event"
		}
		close(in)
	}()
	for i := 0; i < 200; i++ {
		_ = r.Len() + r.Count("event")
		if i%50 == 0 {
			r.Reset()
		}
	}
	<-done
}

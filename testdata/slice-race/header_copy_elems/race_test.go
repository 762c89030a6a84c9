package headercopyelems

import "testing"

func TestWidth(t *testing.T) {
	l := NewLog(50)
	done := l.Run(200)
	for i := 0; i < 200; i++ {
		_ = l.Width()
	}
	<-done
}

package cleanembeddedmutex

import (
	"strconv"
	"testing"
)

func TestRegisterWhileBeating(t *testing.T) {
	s := NewServer()
	s.Start()
	for i := 0; i < 2000; i++ {
		name := "svc" + strconv.Itoa(i)
		s.Beat(name)
		s.Register(name, "10.0.0.1:80")
	}
	s.Stop()
}

// Package cleannamedresultself starts a goroutine on a named result and
// returns that same value: `return s, nil` writes only err.
package cleannamedresultself

// Server runs a loop in the background.
type Server struct {
	quit chan struct{}
}

func (s *Server) loop() { <-s.quit }

// New starts the server's loop.
func New() (s *Server, err error) {
	s = &Server{quit: make(chan struct{})}
	go func() {
		s.loop()
	}()
	return s, nil
}

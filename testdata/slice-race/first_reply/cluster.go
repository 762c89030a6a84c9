// Package firstreply: Launch starts every member on a goroutine of its own and,
// at the first member that fails, closes what the members registered so far.
// One receive is ordered after one member's send only: the other members are
// still appending their closers while Close ranges over them.
package firstreply

import "errors"

// Member is one server of a test cluster.
type Member struct {
	ID      int
	Closers []func()
}

// Start registers the member's closers; odd members fail.
func (m *Member) Start() error {
	for i := 0; i < 100; i++ {
		m.Closers = append(m.Closers, func() {}) // want slice-race
	}
	if m.ID%2 == 1 {
		return errors.New("start failed")
	}
	return nil
}

// Close runs the member's closers.
func (m *Member) Close() {
	for _, c := range m.Closers {
		c()
	}
}

// Launch starts the members; on the first failure it closes them all.
func Launch(members []*Member) error {
	errc := make(chan error)
	for _, m := range members {
		go func(m *Member) {
			errc <- m.Start()
		}(m)
	}
	for range members {
		if err := <-errc; err != nil {
			for _, m := range members {
				m.Close()
			}
			return err
		}
	}
	return nil
}

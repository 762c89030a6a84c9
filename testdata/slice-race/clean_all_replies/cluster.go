// Package cleanallreplies: Launch starts every member on a goroutine of its own,
// receives every member's reply and only then, if one failed, closes what the
// members registered. The loop of receives is done before Close: every send,
// and every append before it, comes first. Safe.
package cleanallreplies

import "errors"

// Member is one server of a test cluster.
type Member struct {
	ID      int
	Closers []func()
}

// Start registers the member's closers; odd members fail.
func (m *Member) Start() error {
	for i := 0; i < 100; i++ {
		m.Closers = append(m.Closers, func() {})
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

// Launch starts the members; when one fails it closes them all.
func Launch(members []*Member) error {
	errc := make(chan error)
	for _, m := range members {
		go func(m *Member) {
			errc <- m.Start()
		}(m)
	}
	var first error
	for range members {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	if first != nil {
		for _, m := range members {
			m.Close()
		}
	}
	return first
}

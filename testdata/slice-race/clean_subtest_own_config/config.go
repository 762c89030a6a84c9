// Package cleansubtestownconfig: parallel subtests binding entry points. Each
// parallel subtest builds its own Config (NewConfig makes new routes), so the
// appends to a route's Using never meet. Safe.
package cleansubtestownconfig

// Route is a named route and the entry points it is bound to.
type Route struct {
	Name  string
	Using []string
}

// Config holds routes by name.
type Config struct {
	Routes map[string]*Route
}

// NewConfig makes a route for each name.
func NewConfig(names []string) *Config {
	c := &Config{Routes: make(map[string]*Route, len(names))}
	for _, n := range names {
		c.Routes[n] = &Route{Name: n}
	}
	return c
}

// Bind binds every route to the entry points.
func (c *Config) Bind(entryPoints []string) {
	for _, r := range c.Routes {
		for _, ep := range entryPoints {
			r.Using = append(r.Using, ep)
		}
	}
}

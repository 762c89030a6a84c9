// Package cleancheckedhelper: lookups go through a method that checks, and
// methods (not fields) are called on the pointer: nil receivers are handled
// by the method itself.
package cleancheckedhelper

// Plugin is a registered plugin.
type Plugin struct {
	Name string
}

// Describe is safe on a nil *Plugin.
func (p *Plugin) Describe() string {
	if p == nil {
		return "<none>"
	}
	return p.Name
}

// Registry holds plugins by name.
type Registry struct {
	plugins map[string]*Plugin
}

func (r *Registry) get(name string) (*Plugin, bool) {
	p, ok := r.plugins[name]
	return p, ok && p != nil
}

// Describe describes the named plugin.
func (r *Registry) Describe(name string) string {
	return r.plugins[name].Describe()
}

// Name returns the plugin's name or "".
func (r *Registry) Name(name string) string {
	p, ok := r.get(name)
	if !ok {
		return ""
	}
	return p.Name
}

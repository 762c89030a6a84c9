// Package cleanexportedglobal: an exported package variable may be set by
// the importing program, so writes to it are not proven nil.
package cleanexportedglobal

// Hooks run on shutdown; the program sets Hooks = map[string]func(){} at startup.
var Hooks map[string]func()

// OnShutdown registers f.
func OnShutdown(name string, f func()) {
	Hooks[name] = f
}

// Package cleanbreakafterspawn starts one goroutine for the first match and
// leaves the loop at once: the loop variable never changes afterwards.
package cleanbreakafterspawn

// WatchFirst starts a watcher for the first non-empty name.
func WatchFirst(names []string, watch func(string)) {
	for _, name := range names {
		if name == "" {
			continue
		}
		go func() {
			watch(name)
		}()
		break
	}
}

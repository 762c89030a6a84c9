// Package flagpathunlocked: run checks a config and, when asked to start it,
// swaps it in for the running one. Load starts configs under the lock, but
// Reload starts one too (start is true) without it: both write the running
// config at once.
package flagpathunlocked

import (
	"errors"
	"sync"
)

var (
	mu      sync.Mutex
	running = map[string]int{}
)

func run(cfg map[string]int, start bool) error {
	if len(cfg) == 0 {
		return errors.New("empty config")
	}
	if !start {
		return nil
	}
	for k := range running {
		if _, ok := cfg[k]; !ok {
			delete(running, k) // want map-race
		}
	}
	for k, v := range cfg {
		running[k] = v // want map-race
	}
	return nil
}

// Load starts cfg.
func Load(cfg map[string]int) error {
	mu.Lock()
	defer mu.Unlock()
	return run(cfg, true)
}

// Reload starts cfg again, forgetting the lock.
func Reload(cfg map[string]int) error {
	return run(cfg, true)
}

// Serve loads configs while reloading others.
func Serve(n int) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < n; i++ {
			_ = Load(map[string]int{"a": i, "b": i})
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < n; i++ {
			_ = Reload(map[string]int{"c": i})
		}
	}()
	wg.Wait()
}

// Package cleanflagkeepsapart: run checks a config and, when asked to start it,
// swaps it in for the running one. Load starts configs under the lock;
// Validate only checks them (start is false), so it returns before it touches
// the running config and needs no lock. Safe.
package cleanflagkeepsapart

// fixture: summaries only (the walker does not take the constant start into account)

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
			delete(running, k)
		}
	}
	for k, v := range cfg {
		running[k] = v
	}
	return nil
}

// Load starts cfg.
func Load(cfg map[string]int) error {
	mu.Lock()
	defer mu.Unlock()
	return run(cfg, true)
}

// Validate checks cfg without starting it.
func Validate(cfg map[string]int) error {
	return run(cfg, false)
}

// Serve loads configs while validating others.
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
			_ = Validate(map[string]int{"c": i})
		}
	}()
	wg.Wait()
}

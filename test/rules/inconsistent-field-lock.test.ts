/**
 * inconsistent-field-lock: the majority lock around a field's accesses is its
 * specification; the thresholds, the helpers left to their callers, and fields
 * only read after construction.
 */
import { inconsistentFieldLock } from "../../rules/inconsistent-field-lock.js";
import { ruleTester } from "../harness/rule-tester.js";

function cacheWith(guarded: string[], bare: string[]): string {
  const methods = [
    ...guarded.map((m, i) => `func (c *Cache) ${m}(k string) {\n\tc.mu.Lock()\n\tdefer c.mu.Unlock()\n\t${i === 0 ? "c.items[k] = 1" : "_ = c.items[k]"}\n}\n`),
    ...bare.map((m) => `func (c *Cache) ${m}(k string) {\n\t_ = c.items[k]\n}\n`),
  ];
  return `package p\n\nimport "sync"\n\ntype Cache struct {\n\tmu    sync.Mutex\n\titems map[string]int\n}\n\n${methods.join("\n")}`;
}

ruleTester(inconsistentFieldLock, {
  valid: [
    { name: "2 guarded methods of 3 is too few", code: cacheWith(["Put", "Get"], ["Peek"]) },
    { name: "3 guarded of 5 is under 75 %", code: cacheWith(["Put", "Get", "Has"], ["Peek", "Scan"]) },
    {
      name: "exported ...Locked methods and documented helpers are left to their callers",
      code:
        cacheWith(["Put", "Get", "Has"], []) +
        `
// PeekLocked reads k; the caller holds c.mu.
func (c *Cache) PeekLocked(k string) int {
	return c.items[k]
}

// Scan reads k.
// c.mu must be held.
func (c *Cache) Scan(k string) int {
	return c.items[k]
}
`,
    },
    {
      name: "a field only read after construction",
      code: `package p

import "sync"

type Router struct {
	mu     sync.Mutex
	routes map[string]int
	hits   int
}

func NewRouter() *Router {
	r := &Router{routes: map[string]int{}}
	r.routes["/"] = 1
	return r
}

func (r *Router) A(p string) int { r.mu.Lock(); defer r.mu.Unlock(); r.hits++; return r.routes[p] }
func (r *Router) B(p string) int { r.mu.Lock(); defer r.mu.Unlock(); return r.routes[p] }
func (r *Router) C(p string) int { r.mu.Lock(); defer r.mu.Unlock(); return len(r.routes) }
func (r *Router) D(p string) int { return r.routes[p] }
`,
    },
  ],
  invalid: [
    {
      name: "3 guarded methods of 4: the fourth is reported, with the guarded ones as evidence",
      code: cacheWith(["Put", "Get", "Has"], ["Peek"]),
      errors: [{ line: 29, messageId: "inconsistent", message: /^Cache\.items is read without c\.mu, which is held around it in 3 of the 4 methods and goroutines that use it\. \(\*Cache\)\.Peek takes no lock/ }],
    },
  ],
});

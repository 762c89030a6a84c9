/**
 * unbounded-map-growth, as a reporter of the map-growth analyzer: which maps
 * are long-lived (package-level ones in a service or under a lock), what
 * bounds them, which insertions don't count; one finding per map.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { unboundedMapGrowth } from "../../rules/unbounded-map-growth.js";
import { mapGrowthAnalyzer } from "../../src/analysis/map-growth.js";
import { ruleTester } from "../harness/rule-tester.js";
import { unmetFacts } from "../harness/fact-wants.js";

const tool = `package p

var seen = map[string]bool{}

func Mark(k string) { seen[k] = true }
`;

const service = {
  "a.go": `package p

import "net/http"

var seen = map[string]bool{}

func Handle(w http.ResponseWriter, r *http.Request) {
	seen[r.URL.Path] = true
	seen["root"] = true
}
`,
  "b.go": `package p

func Mark(k string) { seen[k] = true }
`,
};

/** A package-level map in a package that is no service: `body` is Mark's. */
const locked = (body: string) => `package p

import "sync"

var (
	mu   sync.Mutex
	seen = map[string]bool{}
)

func Mark(k string) {
${body}
}
`;

/** A service's table filled by `fill` (called with a literal key from Setup, with a request's path from Serve). */
const registry = (fill: string) => `package p

import "net/http"

var routes = map[string]int{}

${fill}

func Setup() { note("health") }
`;

ruleTester(unboundedMapGrowth, {
  valid: [
    { name: "a batch tool's memo table", code: tool },
    { name: "a delete anywhere in the package bounds it", code: { ...service, "c.go": `package p\n\nfunc Forget(k string) { delete(seen, k) }\n` } },
    { name: "the lock is released before the insertion", code: locked("\tmu.Lock()\n\tn := len(seen)\n\tmu.Unlock()\n\t_ = n\n\tseen[k] = true") },
    { name: "a registration function fills the table from code", code: registry("func RegisterRoute(name string) { routes[name] = 1 }\n\nfunc note(k string) {}") },
    { name: "every call of the unexported filler passes a constant key", code: registry("func note(k string) { routes[k] = 1 }") },
    {
      name: "an unexported filler only called from init",
      code: `package p

import "net/http"

var routes = map[string]int{}

func add(k string) { routes[k] = 1 }

func init() { add("a"); add("b") }

var _ = http.StatusOK
`,
    },
  ],
  invalid: [
    {
      name: "a service's package-level map: one finding, at the first insertion that is not constant",
      code: service,
      errors: [{ file: "a.go", line: 8, messageId: "grows", message: /^Map seen only grows: keys are added here and never removed\. It is a package-level variable.*Entries are small \(bool\)/ }],
    },
    { name: "a lock held at the insertion makes a package-level map shared state", code: locked("\tmu.Lock()\n\tdefer mu.Unlock()\n\tseen[k] = true"), errors: [{ line: 13 }] },
    {
      name: "a registration function that handles a request fills the table from the request",
      code: registry("func RegisterVisit(w http.ResponseWriter, r *http.Request) { routes[r.URL.Path]++ }\n\nfunc note(k string) {}"),
      errors: [{ line: 7 }],
    },
    {
      name: "one caller passes a request's path to the filler",
      code: registry("func note(k string) { routes[k] = 1 }\n\nfunc Serve(w http.ResponseWriter, r *http.Request) { note(r.URL.Path) }"),
      errors: [{ line: 7 }],
    },
  ],
});

test("map-growth facts: the growing map at its first insertion", () => {
  const code = { "a.go": service["a.go"].replace("seen[r.URL.Path] = true", 'seen[r.URL.Path] = true // fact map-growth:"global:seen grows \\(It is a package-level variable"'), "b.go": service["b.go"] };
  assert.deepEqual(unmetFacts(code, [mapGrowthAnalyzer]), []);
});

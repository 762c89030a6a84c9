/**
 * Goroutine context: which accesses run on which goroutine, for every way the
 * analysis knows to start one (go statements, method values, func params,
 * time.AfterFunc, HTTP handlers, parallel subtests, errgroup-style Go), and
 * when a goroutine has several instances at once.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, at, describeFacts, pairLines, pairOf, threadOf } from "./helpers.js";

test("closure go func(){...}(): the access runs on a new goroutine whose parent is the caller", () => {
  const a = analyze(`package p

func Run() {
	m := map[string]int{}
	go func() {
		m["a"] = 1 // @g
	}()
	m["b"] = 2 // @main
}
`);
  const [g] = at(a, "g");
  const [main] = at(a, "main");
  const tg = threadOf(a.facts, g!);
  assert.equal(tg.kind, "go");
  assert.equal(tg.parent, main!.thread);
  assert.equal(tg.multi, false);
  assert.equal(threadOf(a.facts, main!).kind, "entry");
  assert.equal(g!.key, main!.key, "both name the same allocation");
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "g", "main")]);
});

test("go f(m): the parameter is bound to the caller's map", () => {
  const a = analyze(`package p

func fill(m map[int]int) {
	m[1] = 1 // @fill
}

func Run() {
	m := make(map[int]int)
	go fill(m)
	_ = m[1] // @read
}
`);
  const fills = at(a, "fill").filter((x) => threadOf(a.facts, x).kind === "go");
  assert.equal(fills.length, 1, describeFacts(a.facts));
  assert.equal(fills[0]!.function, "fill");
  assert.equal(fills[0]!.key, at(a, "read")[0]!.key);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "fill", "read")]);
});

test("method value: go s.flush() runs flush on a goroutine with the receiver's fields", () => {
  const a = analyze(`package p

type Store struct{ items map[string][]byte }

func (s *Store) flush() {
	for k := range s.items { // @range
		delete(s.items, k) // @del
	}
}

func (s *Store) Run() {
	go s.flush()
	s.items["x"] = nil // @put
}
`);
  const dels = at(a, "del").filter((x) => threadOf(a.facts, x).kind === "go");
  assert.ok(dels.length > 0, describeFacts(a.facts));
  assert.equal(dels[0]!.function, "(*Store).flush");
  assert.ok(at(a, "range").some((x) => x.kind === "range"));
  const pairs = pairLines(a.facts);
  assert.ok(pairs.includes(pairOf(a, "del", "put")), pairs.join());
  assert.ok(pairs.includes(pairOf(a, "range", "put")), pairs.join());
});

test("go Until(p.flush, stop): a function parameter called inside the goroutine", () => {
  const a = analyze(`package p

type Pool struct{ conns map[int]bool }

func Until(f func(), stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
			f()
		}
	}
}

func (p *Pool) flush() {
	p.conns[0] = false // @flush
}

func (p *Pool) Start(stop chan struct{}) {
	go Until(p.flush, stop)
	p.conns[1] = true // @start
}
`);
  const flush = at(a, "flush").filter((x) => threadOf(a.facts, x).kind === "go");
  assert.ok(flush.length > 0, describeFacts(a.facts));
  assert.ok(flush[0]!.via.some((s) => s.label === "go statement"));
  assert.ok(pairLines(a.facts).includes(pairOf(a, "flush", "start")), describeFacts(a.facts));
});

test("time.AfterFunc: the callback is a goroutine of kind callback", () => {
  const a = analyze(`package p

import "time"

var sessions = map[string]int{}

func Expire(id string) {
	time.AfterFunc(time.Second, func() {
		delete(sessions, id) // @cb
	})
	sessions[id] = 1 // @set
}
`);
  const cb = at(a, "cb").filter((x) => threadOf(a.facts, x).kind === "callback");
  assert.ok(cb.length > 0, describeFacts(a.facts));
  assert.match(threadOf(a.facts, cb[0]!).label, /time\.AfterFunc/);
  assert.ok(pairLines(a.facts).includes(pairOf(a, "cb", "set")), describeFacts(a.facts));
});

test("http.HandleFunc: the handler runs once per request, many at a time", () => {
  const a = analyze(`package p

import "net/http"

var hits = map[string]int{}

func Serve() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		hits[r.URL.Path]++ // @hit
	})
}
`);
  const hs = at(a, "hit");
  const t = threadOf(a.facts, hs[0]!);
  assert.equal(t.kind, "handler");
  assert.equal(t.multi, true);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "hit", "hit")]);
});

test("ServeHTTP is an entry point with many instances", () => {
  const a = analyze(`package p

import "net/http"

type Counter struct{ byPath map[string]int }

func (c *Counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.byPath[r.URL.Path]++ // @hit
}
`);
  const t = threadOf(a.facts, at(a, "hit")[0]!);
  assert.equal(t.kind, "handler");
  assert.equal(t.multi, true);
  assert.equal(t.parent, null);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "hit", "hit")]);
});

test("t.Run with t.Parallel: a subtest running after the parent's body; siblings race", () => {
  const a = analyze({
    "a_test.go": `package p

import "testing"

func TestAll(t *testing.T) {
	seen := map[string]bool{}
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			seen[name] = true // @sub
		})
	}
}
`,
  });
  // (The range over the names is an access of the test's own goroutine.)
  const sub = a.facts.accesses.filter((x) => x.span.file === "a_test.go" && x.kind === "write");
  assert.ok(sub.length > 0, describeFacts(a.facts));
  const t = threadOf(a.facts, sub[0]!);
  assert.equal(t.kind, "subtest");
  assert.equal(t.afterParent, true);
  assert.equal(t.multi, true, "started in a loop");
  assert.equal(a.facts.pairs.length, 1, describeFacts(a.facts));
});

test("t.Run without t.Parallel is an ordinary call on the test's goroutine", () => {
  const a = analyze({
    "a_test.go": `package p

import "testing"

func TestAll(t *testing.T) {
	seen := map[string]bool{}
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			seen[name] = true
		})
	}
	go func() {}()
}
`,
  });
  // (The range over the names is an access of the test's own goroutine.)
  const sub = a.facts.accesses.filter((x) => x.span.file === "a_test.go" && x.kind === "write");
  assert.ok(sub.length > 0, describeFacts(a.facts));
  assert.equal(threadOf(a.facts, sub[0]!).kind, "entry");
  assert.deepEqual(a.facts.pairs, []);
});

test("errgroup-style g.Go: callbacks on new goroutines, several in a loop", () => {
  const a = analyze(`package p

import "golang.org/x/sync/errgroup"

func Fetch(urls []string) map[string]int {
	sizes := map[string]int{}
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error {
			sizes[u] = len(u) // @cb
			return nil
		})
	}
	_ = g.Wait()
	return sizes
}
`);
  const t = threadOf(a.facts, at(a, "cb")[0]!);
  assert.equal(t.kind, "callback");
  assert.equal(t.multi, true);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "cb", "cb")]);
});

test("goroutine started in a loop is multi; started once it is not", () => {
  const a = analyze(`package p

func Run(m map[int]int) {
	go func() {
		m[0] = 0 // @once
	}()
	for i := 0; i < 3; i++ {
		go func() {
			m[i] = i // @loop
		}()
	}
}
`);
  assert.equal(threadOf(a.facts, at(a, "once")[0]!).multi, false);
  const loop = threadOf(a.facts, at(a, "loop")[0]!);
  assert.equal(loop.multi, true);
  assert.equal(loop.multiFromLoop, true);
  const pairs = pairLines(a.facts);
  assert.ok(pairs.includes(pairOf(a, "loop", "loop")), pairs.join());
  assert.ok(pairs.includes(pairOf(a, "once", "loop")), pairs.join());
});

test("a goroutine doesn't inherit the locks its parent holds", () => {
  const a = analyze(`package p

import "sync"

var (
	mu sync.Mutex
	m  = map[string]int{}
)

func Run() {
	mu.Lock()
	go func() {
		m["a"] = 1 // @g
	}()
	m["b"] = 1 // @main
	mu.Unlock()
}
`);
  assert.deepEqual(at(a, "g")[0]!.locks, []);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "g", "main")]);
});

test("the path of an access names the go statement and the calls on the way", () => {
  const a = analyze(`package p

func store(m map[int]int) {
	m[1] = 1 // @w
}

func work(m map[int]int) {
	store(m)
}

func Run(m map[int]int) {
	go work(m)
	m[2] = 2
}
`);
  const w = at(a, "w").find((x) => threadOf(a.facts, x).kind === "go");
  assert.ok(w, describeFacts(a.facts));
  assert.deepEqual(w.via.map((s) => s.label), ["go statement", "call to store"]);
  assert.equal(w.root, "Run");
});

test("WaitGroup.Go (Go 1.25): callbacks joined by Wait", () => {
  const a = analyze(`package p

import "sync"

func Group(m map[int]int) {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Go(func() {
			m[i] = i // @cb
		})
	}
	wg.Wait()
	m[5] = 5 // @after
}
`);
  const t = threadOf(a.facts, at(a, "cb")[0]!);
  assert.equal(t.kind, "callback");
  assert.equal(t.multi, true);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "cb", "cb")], "the callbacks race with each other, not with the read after Wait");
});

test("a function value in a variable: f := func(){...}; go f()", () => {
  const a = analyze(`package p

func Run(m map[string]int) {
	f := func() { m["z"] = 1 } // @lit
	go f()
	m["y"] = 2 // @main
}
`);
  assert.equal(threadOf(a.facts, at(a, "lit")[0]!).kind, "go");
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "lit", "main")]);
});

test(
  "Go 1.21 loop variable captured by goroutines is shared: out[i] is not a per-instance index",
  () => {
    const a = analyze(
      `package p

import "sync"

func Run(n int) []int {
	out := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = i // @w
		}()
	}
	wg.Wait()
	return out
}
`,
      "1.21",
    );
    assert.deepEqual(pairLines(a.facts), [pairOf(a, "w", "w")], describeFacts(a.facts));
  },
);

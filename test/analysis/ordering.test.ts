/**
 * Happens-before: accesses ordered by the go statement, WaitGroup.Wait,
 * channel receive, channel handoff and sync.Once are not paired; their racy
 * counterparts are.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, at, describeFacts, pairLines, pairOf } from "./helpers.js";

test("parent access before the go statement: no pair", () => {
  const a = analyze(`package p

func Run() {
	m := map[string]int{}
	m["init"] = 1 // @before
	go func() {
		m["a"] = 2 // @g
	}()
}
`);
  at(a, "before");
  at(a, "g");
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("parent access after the go statement: pair", () => {
  const a = analyze(`package p

func Run() {
	m := map[string]int{}
	go func() {
		m["a"] = 2 // @g
	}()
	m["after"] = 1 // @after
}
`);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "g", "after")]);
  const p = a.facts.pairs[0]!;
  assert.match(p.reason, /not ordered/);
  assert.equal(p.crossRoot, false);
});

test("access in a loop that also starts the goroutine: the next iteration is after the go statement", () => {
  const a = analyze(`package p

func Run() {
	m := map[int]int{}
	for i := 0; i < 3; i++ {
		m[i] = i // @loop
		go func() {
			_ = m[0] // @g
		}()
	}
}
`);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "loop", "g")], describeFacts(a.facts));
});

test("after wg.Wait(): no pair", () => {
  const a = analyze(`package p

import "sync"

func Run() {
	m := map[int]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			mu.Lock()
			m[id] = id // @g
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	_ = len(m) // @after
	for k := range m { // @range
		delete(m, k)
	}
}
`);
  assert.deepEqual(at(a, "after").map((x) => x.kind), ["len"]);
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("before wg.Wait(): pair (the read can overlap the unlocked writers)", () => {
  const a = analyze(`package p

import "sync"

func Run() {
	m := map[int]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		m[1] = 1 // @g
	}()
	_ = m[1] // @early
	wg.Wait()
	_ = m[1] // @late
}
`);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "g", "early")], describeFacts(a.facts));
});

test("the goroutine is joined (does not escape) when its Done is waited for", () => {
  const a = analyze(`package p

import "sync"

func Run(m map[int]int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		m[1] = 1 // @g
	}()
	wg.Wait()
	go func() {
		m[2] = 2 // @free
	}()
}
`);
  const tg = a.facts.threads[at(a, "g")[0]!.thread]!;
  const tf = a.facts.threads[at(a, "free")[0]!.thread]!;
  assert.equal(tg.escapes, false);
  assert.equal(tf.escapes, true);
});

test("after receiving from a channel the goroutine closes: no pair", () => {
  const a = analyze(`package p

func Run() map[string]int {
	m := map[string]int{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		m["a"] = 1 // @g
	}()
	<-done
	m["b"] = 2 // @after
	return m
}
`);
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("after receiving from a channel the goroutine sends on: no pair", () => {
  const a = analyze(`package p

func Run() map[string]int {
	m := map[string]int{}
	done := make(chan bool)
	go func() {
		m["a"] = 1 // @g
		done <- true
	}()
	<-done
	m["b"] = 2 // @after
	return m
}
`);
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("goroutine writes after its send: the receive doesn't order that write", () => {
  const a = analyze(`package p

func Run() map[string]int {
	m := map[string]int{}
	done := make(chan bool)
	go func() {
		done <- true
		m["a"] = 1 // @g
	}()
	<-done
	m["b"] = 2 // @after
	return m
}
`);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "g", "after")], describeFacts(a.facts));
});

test("channel handoff: the sender builds the map, sends it and no longer touches it", () => {
  const a = analyze(`package p

func produce(out chan map[string]int) {
	m := map[string]int{}
	m["a"] = 1 // @build
	out <- m
}

func Run() {
	ch := make(chan map[string]int)
	go produce(ch)
	got := <-ch
	got["b"] = 2 // @use
}
`);
  const [build] = at(a, "build");
  const use = at(a, "use").find((x) => x.key === build!.key);
  assert.ok(use, "the received map is the sender's allocation\n" + describeFacts(a.facts));
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("channel handoff where the sender keeps writing after the send: pair", () => {
  const a = analyze(`package p

func produce(out chan map[string]int) {
	m := map[string]int{}
	out <- m
	m["late"] = 1 // @late
}

func Run() {
	ch := make(chan map[string]int)
	go produce(ch)
	got := <-ch
	got["b"] = 2 // @use
}
`);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "late", "use")], describeFacts(a.facts));
});

const ONCE = (join: boolean) => `package p

import "sync"

var (
	once  sync.Once
	table map[string]int
)

func load() {
	table = map[string]int{}
	table["a"] = 1 // @init
}

func Lookup(k string) int {
	once.Do(load)
	return table[k] // @read
}

func Serve(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			Lookup(k)
		}()
	}
	${join ? "wg.Wait()" : ""}
}
`;

test("sync.Once.Do initialisation, then reads on many goroutines: no pair", () => {
  const a = analyze(ONCE(true));
  assert.ok(at(a, "init").length > 0 && at(a, "read").length > 0, describeFacts(a.facts));
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test(
  "sync.Once.Do orders the init before reads also across entry points (goroutines that outlive Serve vs. callers of Lookup)",
  () => {
    const a = analyze(ONCE(false));
    assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
  },
);

test("lazy init without sync.Once: the check-then-write races", () => {
  const a = analyze(`package p

var table map[string]int

func Lookup(k string) int {
	if table == nil {
		table = map[string]int{}
		table["a"] = 1 // @init
	}
	return table[k] // @read
}

func Serve(keys []string) {
	for _, k := range keys {
		go Lookup(k)
	}
}
`);
  const pairs = pairLines(a.facts);
  assert.ok(pairs.includes(pairOf(a, "init", "read")), describeFacts(a.facts));
  assert.ok(pairs.includes(pairOf(a, "init", "init")), describeFacts(a.facts));
});

test("goroutine started and waited for in the same loop iteration: one instance at a time", () => {
  const a = analyze(`package p

import "sync"

func Run(m map[int]int) {
	for i := 0; i < 3; i++ {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			m[i] = i // @g
		}()
		wg.Wait()
	}
}
`);
  const t = a.facts.threads[at(a, "g")[0]!.thread]!;
  assert.equal(t.multi, false);
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("goroutines writing distinct indices of a slice, then Wait: no pair", () => {
  const a = analyze(`package p

import "sync"

func Run(n int) []int {
	out := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			out[i] = i * i // @g
		}(i)
	}
	wg.Wait()
	return out
}
`);
  const g = at(a, "g");
  assert.ok(g.every((x) => x.kind === "elem-write" && x.perInstanceIndex), describeFacts(a.facts));
  assert.deepEqual(pairLines(a.facts), []);
});

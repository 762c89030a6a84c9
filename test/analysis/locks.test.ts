/**
 * Lock state at each access: what the walk believes is held (Lock/Unlock,
 * defer, early returns, RLock, embedded and pointer mutexes, helpers, TryLock)
 * and what that means for pairing. Methods that start no goroutine are seen
 * by the walk of mutex-owning types' methods (field-locks).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, analyzeFieldLocks, at, describeFacts, locksOf, pairLines, pairOf } from "./helpers.js";
import { LockState } from "../../src/analysis/state.js";

test("Lock ... Unlock: held between, released after", () => {
  const a = analyzeFieldLocks(`package p

import "sync"

type C struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *C) Put(k string) {
	c.mu.Lock()
	c.m[k] = 1 // @in
	c.mu.Unlock()
	_ = c.m[k] // @out
}
`);
  for (const x of at(a, "in")) assert.deepEqual(locksOf(x), ["c.mu (write)"]);
  for (const x of at(a, "out")) assert.deepEqual(locksOf(x), []);
});

test("defer Unlock: held until the function returns", () => {
  const a = analyzeFieldLocks(`package p

import "sync"

type C struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *C) Put(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = 1 // @w
	delete(c.m, "old") // @d
}
`);
  for (const x of [...at(a, "w"), ...at(a, "d")]) assert.deepEqual(locksOf(x), ["c.mu (write)"]);
  assert.deepEqual(at(a, "d").map((x) => x.kind), at(a, "d").map(() => "delete"));
});

test("early return inside a locked region: the fall-through path still holds the lock", () => {
  const a = analyzeFieldLocks(`package p

import "sync"

type C struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *C) Put(k string, skip bool) {
	c.mu.Lock()
	if skip {
		c.mu.Unlock()
		return
	}
	c.m[k] = 1 // @w
	c.mu.Unlock()
}
`);
  for (const x of at(a, "w")) assert.deepEqual(locksOf(x), ["c.mu (write)"]);
});

test("an Unlock on only one branch that does not return: the lock is not held after the if", () => {
  const a = analyzeFieldLocks(`package p

import "sync"

type C struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *C) Put(k string, early bool) {
	c.mu.Lock()
	if early {
		c.mu.Unlock()
	}
	c.m[k] = 1 // @w
}
`);
  for (const x of at(a, "w")) assert.deepEqual(locksOf(x), []);
});

test("RLock is recorded in read mode, Lock in write mode", () => {
  const a = analyzeFieldLocks(`package p

import "sync"

type C struct {
	mu sync.RWMutex
	m  map[string]int
}

func (c *C) Get(k string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[k] // @r
}

func (c *C) Put(k string) {
	c.mu.Lock()
	c.m[k] = 1 // @w
	c.mu.Unlock()
}
`);
  for (const x of at(a, "r")) assert.deepEqual(locksOf(x), ["c.mu (read)"]);
  for (const x of at(a, "w")) assert.deepEqual(locksOf(x), ["c.mu (write)"]);
});

test("writes under RLock in two goroutines are a pair (a read lock doesn't exclude another reader)", () => {
  const a = analyze(`package p

import "sync"

type C struct {
	mu sync.RWMutex
	m  map[string]int
}

func (c *C) put(k string) {
	c.mu.RLock()
	c.m[k] = 1 // @w
	c.mu.RUnlock()
}

func Run(c *C) {
	for i := 0; i < 4; i++ {
		go c.put("k")
	}
}
`);
  assert.ok(at(a, "w").some((x) => locksOf(x).join() === "c.mu (read)"));
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "w", "w")], describeFacts(a.facts));
});

test("embedded mutex: c.Lock() guards c's fields", () => {
  const a = analyze(`package p

import "sync"

type C struct {
	sync.Mutex
	m map[string]int
}

func (c *C) put(k string) {
	c.Lock()
	defer c.Unlock()
	c.m[k] = 1 // @w
}

func Run(c *C) {
	for i := 0; i < 4; i++ {
		go c.put("k")
	}
}
`);
  const ws = at(a, "w");
  for (const x of ws) {
    assert.deepEqual(locksOf(x), ["c (write)"]);
    assert.match(x.locks[0]!.key, /\.Mutex$/, "the identity is the embedded field");
  }
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("pointer-to-mutex field: c.mu.Lock() with mu *sync.Mutex", () => {
  const a = analyze(`package p

import "sync"

type C struct {
	mu *sync.Mutex
	m  map[string]int
}

func (c *C) put(k string) {
	c.mu.Lock()
	c.m[k] = 1 // @w
	c.mu.Unlock()
}

func Run(c *C) {
	for i := 0; i < 4; i++ {
		go c.put("k")
	}
}
`);
  for (const x of at(a, "w")) assert.deepEqual(locksOf(x), ["c.mu (write)"]);
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("a lock taken by the caller is held in the helper it calls", () => {
  const a = analyze(`package p

import "sync"

type C struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *C) putLocked(k string) {
	c.m[k] = 1 // @w
}

func (c *C) Put(k string) {
	c.mu.Lock()
	c.putLocked(k)
	c.mu.Unlock()
}

func Run(c *C) {
	for i := 0; i < 4; i++ {
		go c.Put("k")
	}
}
`);
  const viaPut = at(a, "w").filter((x) => x.via.some((s) => s.label.includes("putLocked")));
  assert.ok(viaPut.length > 0, describeFacts(a.facts));
  for (const x of viaPut) assert.deepEqual(locksOf(x), ["c.mu (write)"]);
  assert.equal(viaPut[0]!.function, "(*C).putLocked");
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("lock helper returning the unlock: defer c.locked()()", () => {
  const a = analyze(`package p

import "sync"

type C struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *C) locked() func() {
	c.mu.Lock()
	return c.mu.Unlock
}

func (c *C) put(k string) {
	defer c.locked()()
	c.m[k] = 1 // @w
}

func Run(c *C) {
	for i := 0; i < 4; i++ {
		go c.put("k")
	}
}
`);
  for (const x of at(a, "w")) assert.deepEqual(locksOf(x), ["c.mu (write)"]);
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("TryLock in an if: held in the consequence only", () => {
  const a = analyze(`package p

import "sync"

type C struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *C) put(k string) {
	if c.mu.TryLock() {
		c.m[k] = 1 // @in
		c.mu.Unlock()
	}
	_ = c.m[k] // @after
}

func Run(c *C) {
	for i := 0; i < 4; i++ {
		go c.put("k")
	}
}
`);
  for (const x of at(a, "in")) assert.deepEqual(locksOf(x), ["c.mu (write)"]);
  for (const x of at(a, "after")) assert.deepEqual(locksOf(x), []);
  // The unlocked read races with the locked write of another instance.
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "in", "after")], describeFacts(a.facts));
});

test("two different mutexes don't exclude each other", () => {
  const a = analyze(`package p

import "sync"

var (
	mu1, mu2 sync.Mutex
	m        = map[string]int{}
)

func Run() {
	go func() {
		mu1.Lock()
		m["a"] = 1 // @w1
		mu1.Unlock()
	}()
	mu2.Lock()
	m["b"] = 2 // @w2
	mu2.Unlock()
}
`);
  for (const x of at(a, "w1")) assert.deepEqual(locksOf(x), ["mu1 (write)"]);
  for (const x of at(a, "w2")) assert.deepEqual(locksOf(x), ["mu2 (write)"]);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "w1", "w2")], describeFacts(a.facts));
});

test("a mutex the walk can't identify makes the access unknown-locked: never paired", () => {
  const a = analyze(`package p

import "sync"

var m = map[string]int{}

func lockFor(k string) *sync.Mutex { return nil }

func Run() {
	go func() {
		lockFor("a").Lock()
		m["a"] = 1 // @w1
		lockFor("a").Unlock()
	}()
	m["b"] = 2 // @w2
}
`);
  assert.ok(at(a, "w1").every((x) => x.unknownLock), describeFacts(a.facts));
  assert.deepEqual(pairLines(a.facts), []);
});

test(
  "negated TryLock with an early return: `if !mu.TryLock() { return }` holds the lock afterwards",
  () => {
    const a = analyze(`package p

import "sync"

type C struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *C) put(k string) {
	if !c.mu.TryLock() {
		return
	}
	c.m[k] = 1 // @w
	c.mu.Unlock()
}

func Run(c *C) {
	for i := 0; i < 4; i++ {
		go c.put("k")
	}
}
`);
    for (const x of at(a, "w")) assert.deepEqual(locksOf(x), ["c.mu (write)"], describeFacts(a.facts));
    assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
  },
);

test("TryLock through a variable: `ok := mu.TryLock(); if !ok { return }` holds the lock afterwards, until ok is assigned again", () => {
  const a = analyze(`package p

import "sync"

type C struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *C) put(k string) {
	ok := c.mu.TryLock()
	if !ok {
		return
	}
	c.m[k] = 1 // @w
	c.mu.Unlock()
}

func (c *C) other(k string) {
	ok := c.mu.TryLock()
	ok = true
	if !ok {
		return
	}
	c.m[k] = 2 // @u
}

func Run(c *C) {
	for i := 0; i < 4; i++ {
		go c.put("k")
		go c.other("k")
	}
}
`);
  for (const x of at(a, "w")) assert.deepEqual(locksOf(x), ["c.mu (write)"], describeFacts(a.facts));
  for (const x of at(a, "u")) assert.deepEqual(locksOf(x), [], describeFacts(a.facts));
});

test("RLock reader and Lock writer on one RWMutex: no pair; two unlocked readers: no pair", () => {
  const a = analyze(`package p

import "sync"

var (
	mu sync.RWMutex
	m  = map[string]int{}
	ro = map[string]int{"a": 1}
)

func Run() {
	for i := 0; i < 4; i++ {
		go func() {
			mu.RLock()
			_ = m["a"] // @r
			mu.RUnlock()
			_ = ro["a"] // @ro
		}()
	}
	mu.Lock()
	m["a"] = 2 // @w
	mu.Unlock()
	_ = len(ro)
}
`);
  for (const x of at(a, "r")) assert.deepEqual(locksOf(x), ["mu (read)"]);
  for (const x of at(a, "w")) assert.deepEqual(locksOf(x), ["mu (write)"]);
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("sharded map with a lock per shard: the shard's mutex guards the shard's map", () => {
  const a = analyze(`package p

import "sync"

type shard struct {
	mu sync.Mutex
	m  map[string]int
}

type Sharded struct{ shards []*shard }

func (s *Sharded) put(k string, h int) {
	sh := s.shards[h%len(s.shards)]
	sh.mu.Lock()
	sh.m[k] = 1 // @w
	sh.mu.Unlock()
}

func (s *Sharded) Fill(keys []string) {
	for i, k := range keys {
		go s.put(k, i)
	}
}
`);
  const ws = at(a, "w").filter((x) => a.facts.threads[x.thread]!.kind === "go");
  assert.ok(ws.length > 0, describeFacts(a.facts));
  for (const x of ws) assert.deepEqual(locksOf(x), ["sh.mu (write)"]);
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("lock/unlock helper methods: c.lock(); ...; c.unlock()", () => {
  const a = analyze(`package p

import "sync"

type C struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *C) lock()   { c.mu.Lock() }
func (c *C) unlock() { c.mu.Unlock() }

func (c *C) put(k string) {
	c.lock()
	c.m[k] = 1 // @w
	c.unlock()
}

func Run(c *C) {
	for i := 0; i < 4; i++ {
		go c.put("k")
	}
}
`);
  for (const x of at(a, "w")) assert.deepEqual(locksOf(x), ["c.mu (write)"]);
  assert.deepEqual(pairLines(a.facts), []);
});

test("unlock then a call that never returns (a helper ending in t.FailNow) keeps the lock on the path that goes on", () => {
  const a = analyze(`package p

import (
	"sync"
	"testing"
)

type Mock struct {
	mu    sync.Mutex
	calls []string
	t     *testing.T
}

func (m *Mock) fail(msg string) {
	m.t.Errorf("%s", msg)
	m.t.FailNow()
}

func (m *Mock) Called(name string, ok bool) {
	m.mu.Lock()
	if !ok {
		m.mu.Unlock()
		m.fail("unexpected call")
	}
	m.calls = append(m.calls, name) // @w
	m.mu.Unlock()
}

func Run(m *Mock) {
	for i := 0; i < 4; i++ {
		go m.Called("x", true)
	}
}
`);
  assert.ok(at(a, "w").length > 0 && at(a, "w").every((x) => x.locks.some((l) => l.name === "m.mu")), describeFacts(a.facts));
  assert.deepEqual(pairLines(a.facts), []);
});

test("conditional locking (`if doLock { s.Lock() }`) counts as an unknown lock: no pair with the locked sweeper", () => {
  const a = analyze(`package p

import "sync"

type Sublist struct {
	sync.Mutex
	cache map[string]int
}

func (s *Sublist) match(subject string, doLock bool) {
	if doLock {
		s.Lock()
	}
	s.cache[subject] = 1 // @w
	if doLock {
		s.Unlock()
	}
	go s.sweep()
}

func (s *Sublist) sweep() {
	s.Lock()
	for k := range s.cache {
		delete(s.cache, k)
	}
	s.Unlock()
}
`);
  assert.ok(at(a, "w").length > 0 && at(a, "w").every((x) => x.unknownLock), describeFacts(a.facts));
  assert.deepEqual(pairLines(a.facts), []);
});

test("a caller's lock let go and taken again on one path is held after the branch (summaries' entry-relative locks)", () => {
  // `if cb != nil { s.mu.Unlock(); cb(); s.mu.Lock() }` in a function that starts holding
  // nothing of its own: on the branch the caller's s.mu is released, then taken again.
  const branch = new LockState();
  branch.release("param:recv.mu");
  branch.set("param:recv.mu", { key: "param:recv.mu", name: "s.mu", mode: "write", cls: null });
  const fallThrough = new LockState();
  const after = LockState.meet([branch, fallThrough]);
  assert.deepEqual([...after.released()], [], "not released on either path");
  assert.deepEqual([...after.keys()], [], "the caller's own lock, not one taken here");
  // Taken again on every path (a loop around code after `mu.Unlock(); ...; mu.Lock()`):
  // held here, whatever the caller holds (a function that takes it again may not have been
  // given it: its callee's release is not proof).
  const again = () => {
    const s = new LockState();
    s.release("param:recv.mu");
    s.set("param:recv.mu", { key: "param:recv.mu", name: "s.mu", mode: "write", cls: null });
    return s;
  };
  assert.deepEqual([...LockState.meet([again(), again()]).keys()], ["param:recv.mu"]);
  // Let go on one path only: released after the branch.
  const leaves = new LockState();
  leaves.release("param:recv.mu");
  assert.deepEqual([...LockState.meet([leaves, new LockState()]).released()], ["param:recv.mu"]);
});

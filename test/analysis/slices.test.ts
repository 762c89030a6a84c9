/**
 * Byte buffers and slices shared by goroutines (slice-race's facts): reused
 * buffers handed out as aliases, private copies, per-goroutine buffers,
 * disjoint chunks, and buffers held in a map[string]*[]byte.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { accessesAt, analyze, at, describeFacts, L, pairLines, pairOf } from "./helpers.js";

test("reused buffer: workers get buf[:n] aliases while the loop copies the next frame into buf", () => {
  const a = analyze(`package p

import "sync"

func Process(frames [][]byte) {
	buf := make([]byte, 64)
	var wg sync.WaitGroup
	for _, f := range frames {
		n := copy(buf, f) // @copy
		wg.Add(1)
		go func(chunk []byte) {
			defer wg.Done()
			chunk[0] = 'X' // @w
		}(buf[:n])
	}
	wg.Wait()
}
`);
  // The destination's elements written, the source's (a frame) read.
  assert.deepEqual(at(a, "copy").map((x) => x.kind), ["copy", "elem-read"]);
  const pairs = pairLines(a.facts);
  assert.ok(pairs.includes(pairOf(a, "copy", "w")), describeFacts(a.facts));
  assert.ok(pairs.includes(pairOf(a, "w", "w")), describeFacts(a.facts));
});

test("a private copy per worker (made by another package's function): no pair", () => {
  const a = analyze(`package p

import (
	"bytes"
	"sync"
)

func Process(frames [][]byte) {
	buf := make([]byte, 64)
	var wg sync.WaitGroup
	for _, f := range frames {
		n := copy(buf, f)
		wg.Add(1)
		go func(chunk []byte) {
			defer wg.Done()
			chunk[0] = 'X'
		}(bytes.Clone(buf[:n]))
	}
	wg.Wait()
}
`);
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("a buffer made inside each goroutine is its own: no pair", () => {
  const a = analyze(`package p

func Run(n int) {
	for i := 0; i < n; i++ {
		go func() {
			b := make([]byte, 16)
			b[0] = byte(i) // @w
			b = append(b, 1)
		}()
	}
}
`);
  at(a, "w");
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test(
  "disjoint chunks of one buffer, one per goroutine: no pair",
  () => {
    const a = analyze(`package p

import "sync"

func Zero(buf []byte, n int) {
	chunk := len(buf) / n
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(part []byte) {
			defer wg.Done()
			for j := range part {
				part[j] = 0 // @w
			}
		}(buf[i*chunk : (i+1)*chunk])
	}
	wg.Wait()
}
`);
    at(a, "w");
    assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
  },
);

test(
  "buffers under two different constant keys of a map[string]*[]byte are not known to be one buffer",
  () => {
    const a = analyze(`package p

var blobs = map[string]*[]byte{}

func Run() {
	go func() {
		(*blobs["a"])[0] = 1
	}()
	(*blobs["b"])[0] = 2
}
`);
    assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
  },
);

test("the same key's buffer written by several goroutines (seed 004): pair", () => {
  const a = analyze(`package p

import "sync"

type Store struct {
	mu    sync.Mutex
	blobs map[string]*[]byte
}

func (s *Store) StampAll(key string, tags []byte) {
	var wg sync.WaitGroup
	for i, t := range tags {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.mu.Lock()
			p, ok := s.blobs[key] // @lookup
			s.mu.Unlock()
			if !ok || p == nil {
				return
			}
			(*p)[i%4] = t // @w
		}()
	}
	wg.Wait()
}
`);
  const w = at(a, "w").filter((x) => x.kind === "elem-write");
  assert.ok(w.length > 0, describeFacts(a.facts));
  assert.ok(at(a, "lookup").every((x) => x.locks.length === 1), "the map read itself is locked");
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "w", "w")], describeFacts(a.facts));
});

test("setting a field that holds a slice or map: a reset or reslice is an access (assign), a new value is set-up", () => {
  const a = analyze(`package p

type Q struct {
	items []int
	seen  map[int]bool
}

func (q *Q) Reset() {
	q.items = nil // @nil
	q.items = q.items[1:] // @reslice
	q.seen = make(map[int]bool) // @make
	q.items = []int{1} // @literal
}

func Run(q *Q) { go q.Reset() }
`);
  assert.deepEqual(at(a, "nil").map((x) => x.kind), ["assign"], describeFacts(a.facts));
  assert.ok(at(a, "reslice").some((x) => x.kind === "assign"), describeFacts(a.facts));
  assert.deepEqual(accessesAt(a.facts, L(a, "make")).map((x) => x.kind), [], describeFacts(a.facts));
  assert.deepEqual(accessesAt(a.facts, L(a, "literal")).map((x) => x.kind), [], describeFacts(a.facts));
});

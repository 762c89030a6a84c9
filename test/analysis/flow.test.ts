/**
 * Value flow: the walk follows a map or slice through aliases, struct fields,
 * function results, channels, range over pointers, & and *, so that accesses
 * through different names land on one object.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, at, describeFacts, L, pairLines, pairOf } from "./helpers.js";

test("local alias m2 := m: both names are one object", () => {
  const a = analyze(`package p

func Run() {
	m := map[string]int{}
	m2 := m
	go func() {
		m2["a"] = 1 // @alias
	}()
	m["b"] = 2 // @orig
}
`);
  assert.equal(at(a, "alias")[0]!.key, at(a, "orig")[0]!.key);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "alias", "orig")]);
  assert.equal(a.facts.objects.length, 1);
  assert.equal(a.facts.objects[0]!.kind, "map");
});

test("two distinct maps are two objects: no pair", () => {
  const a = analyze(`package p

func Run() {
	m := map[string]int{}
	n := map[string]int{}
	go func() {
		n["a"] = 1
	}()
	m["b"] = 2
}
`);
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("map stored in a struct field and reached through the struct", () => {
  const a = analyze(`package p

type Reg struct{ byName map[string]int }

func Run() {
	m := map[string]int{}
	r := &Reg{byName: m}
	go func() {
		r.byName["a"] = 1 // @field
	}()
	r.byName["b"] = 2 // @main
}
`);
  assert.equal(at(a, "field")[0]!.object, at(a, "main")[0]!.object);
  assert.match(at(a, "field")[0]!.key, /\.byName$/);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "field", "main")]);
});

test(
  "map put into a struct field by a composite literal is the same object as the local it came from",
  () => {
  const a = analyze(`package p

type Reg struct{ byName map[string]int }

func Run() {
	m := map[string]int{}
	r := &Reg{byName: m}
	go func() {
		r.byName["a"] = 1 // @field
	}()
	m["b"] = 2 // @local
}
`);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "field", "local")], describeFacts(a.facts));
  },
);

test("map returned by a constructor function (newRegistry()) is followed into the caller", () => {
  const a = analyze(`package p

func newRegistry() map[string]int {
	return make(map[string]int) // @alloc
}

func Run() {
	reg := newRegistry()
	go func() {
		reg["a"] = 1 // @g
	}()
	reg["b"] = 2 // @main
}
`);
  const [g] = at(a, "g");
  assert.equal(g!.object, at(a, "main")[0]!.object);
  const obj = a.facts.objects[g!.object]!;
  assert.equal(obj.created?.line, L(a, "alloc"), "created where make is called, inside newRegistry");
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "g", "main")]);
});

test(
  "map sent on a channel by the parent and received by a goroutine started earlier is the same object",

  () => {
  const a = analyze(`package p

func Run() {
	ch := make(chan map[string]int, 1)
	m := map[string]int{}
	go func() {
		got := <-ch
		got["a"] = 1 // @recv
	}()
	ch <- m
	m["b"] = 2 // @sender
}
`);
  assert.equal(at(a, "recv")[0]!.key, at(a, "sender")[0]!.key, describeFacts(a.facts));
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "recv", "sender")]);
  },
);

test("range over a slice of pointers: each element's field is the element's, not a fresh object", () => {
  const a = analyze(`package p

type Shard struct{ m map[string]int }

func Run(shards []*Shard) {
	go func() {
		for _, s := range shards {
			s.m["a"] = 1 // @g
		}
	}()
	shards[0].m["b"] = 2 // @main
}
`);
  const [g] = at(a, "g");
  const main = at(a, "main").find((x) => x.kind === "write");
  assert.equal(g!.key, main?.key, describeFacts(a.facts));
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "g", "main")]);
});

test("&x and *p: writes through a pointer to a slice reach the slice", () => {
  const a = analyze(`package p

func grow(p *[]byte) {
	*p = append(*p, 1) // @append
}

func Run() {
	buf := []byte{}
	go grow(&buf)
	buf[0] = 2 // @elem
}
`);
  const ap = at(a, "append").filter((x) => x.kind === "append");
  assert.ok(ap.length > 0, describeFacts(a.facts));
  assert.equal(ap[0]!.key, at(a, "elem")[0]!.key);
  assert.equal(a.facts.objects[ap[0]!.object]!.kind, "slice");
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "append", "elem")]);
});

test("seed 004 shape: (*m[k])[i] = x on a map[string]*[]byte is an element write of the buffer", () => {
  const a = analyze(`package p

var blobs = map[string]*[]byte{}

func Patch(k string) {
	(*blobs[k])[0] = 'x' // @patch
}

func Run() {
	for i := 0; i < 2; i++ {
		go Patch("k")
	}
}
`);
  const kinds = at(a, "patch").map((x) => `${x.kind} ${x.key}`).sort();
  assert.ok(kinds.includes("elem-write global:blobs[]"), kinds.join("; "));
  assert.ok(kinds.includes("read global:blobs"), kinds.join("; "));
  const obj = a.facts.objects.find((o) => o.key === "global:blobs[]");
  assert.equal(obj?.kind, "slice");
  assert.ok(pairLines(a.facts).includes(pairOf(a, "patch", "patch")), describeFacts(a.facts));
});

test("shared append to a captured slice variable", () => {
  const a = analyze(`package p

import "sync"

func Collect(n int) []string {
	var out []string
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out = append(out, "x") // @append
		}()
	}
	wg.Wait()
	return out
}
`);
  assert.ok(at(a, "append").some((x) => x.kind === "append"), describeFacts(a.facts));
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "append", "append")]);
});

test("copy into a shared buffer is a write", () => {
  const a = analyze(`package p

func Run(src []byte) {
	buf := make([]byte, 64)
	go func() {
		copy(buf, src) // @copy
	}()
	_ = buf[0] // @read
}
`);
  // copy writes the destination's elements and reads the source's.
  assert.deepEqual(at(a, "copy").map((x) => x.kind), ["copy", "elem-read"]);
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "copy", "read")]);
});

test("a call into another package is opaque: its result is not the argument", () => {
  const a = analyze(`package p

import "maps"

func Run(m map[string]int) {
	c := maps.Clone(m)
	go func() {
		c["a"] = 1
	}()
	m["b"] = 2
}
`);
  assert.deepEqual(pairLines(a.facts), [], describeFacts(a.facts));
});

test("package-level map written by goroutines from an exported function", () => {
  const a = analyze(`package p

var cache = map[string][]byte{}

func Warm(keys []string) {
	for _, k := range keys {
		go func() {
			cache[k] = []byte(k) // @w
		}()
	}
}
`);
  const [w] = at(a, "w");
  assert.equal(w!.key, "global:cache");
  const obj = a.facts.objects[w!.object]!;
  assert.equal(obj.name, "cache");
  assert.equal(obj.type, "map[string][]byte");
  assert.deepEqual(pairLines(a.facts), [pairOf(a, "w", "w")]);
});

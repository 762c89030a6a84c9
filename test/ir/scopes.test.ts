/**
 * scopesOf: which local an identifier names and the types of locals declared
 * by range, receive, type switches and var declarations; declarations spread
 * over two files of one package.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scopesOf } from "../../src/ir/scopes.js";
import { buildIR, exprAt, fileIR, typeStrAt } from "../analysis/helpers.js";

test("range over a slice of pointers, a named map and a channel", () => {
  const ir = buildIR(`package p

type Entry struct{ buf []byte }
type Cfg map[string]*Entry

func F(items []*Entry, cfg Cfg, ch chan map[string]int) {
	for i, e := range items {
		_, _ = i, e // @slice
	}
	for k, v := range cfg {
		_, _ = k, v // @map
	}
	for m := range ch {
		_ = m // @chan
	}
}
`);
  assert.equal(typeStrAt(ir, "slice", "i"), "int");
  assert.equal(typeStrAt(ir, "slice", "e"), "*Entry");
  assert.equal(typeStrAt(ir, "map", "k"), "string");
  assert.equal(typeStrAt(ir, "map", "v"), "*Entry");
  assert.equal(typeStrAt(ir, "chan", "m"), "map[string]int");
});

test("receive, comma-ok index and var declarations", () => {
  const ir = buildIR(`package p

func F(ch chan []byte, m map[string]*[]byte) {
	b := <-ch
	p, ok := m["k"]
	var n map[int]string
	var q = new([]byte)
	_, _, _, _, _ = b, p, ok, n, q // @use
}
`);
  assert.equal(typeStrAt(ir, "use", "b"), "[]byte");
  assert.equal(typeStrAt(ir, "use", "p"), "*[]byte");
  assert.equal(typeStrAt(ir, "use", "ok"), "bool");
  assert.equal(typeStrAt(ir, "use", "n"), "map[int]string");
  assert.equal(typeStrAt(ir, "use", "q"), "*[]byte");
});

test("resolve: inner declarations shadow outer ones; package-level names are not locals", () => {
  const ir = buildIR(`package p

var g = map[string]int{}

func F() {
	m := map[string]int{}
	{
		m := []byte{}
		_ = m // @inner
	}
	_ = m // @outer
	_ = g // @global
}
`);
  const s = scopesOf(ir, fileIR(ir));
  const inner = s.resolve(exprAt(ir, "inner", "m"));
  const outer = s.resolve(exprAt(ir, "outer", "m"));
  assert.ok(inner && outer);
  assert.notEqual(inner, outer);
  assert.equal(typeStrAt(ir, "inner", "m"), "[]byte");
  assert.equal(typeStrAt(ir, "outer", "m"), "map[string]int");
  assert.equal(s.resolve(exprAt(ir, "global", "g")), undefined);
  assert.equal(typeStrAt(ir, "global", "g"), "map[string]int");
});

test("a type switch binds the alias to the case's type", () => {
  const ir = buildIR(`package p

func F(x any) {
	switch v := x.(type) {
	case map[string]int:
		_ = v // @case
	}
}
`);
  assert.equal(typeStrAt(ir, "case", "v"), "map[string]int");
});

test("types, methods and variables declared in another file of the package", () => {
  const ir = buildIR({
    "a.go": `package p

func F(s *Store) {
	_ = s.data["k"] // @field
	_ = s.Get("k") // @method
	_ = registry["x"] // @global
}
`,
    "b.go": `package p

import "sync"

type Store struct {
	*Inner
	mu sync.RWMutex
}

type Inner struct{ data map[string][]byte }

var registry = map[string]*Store{}

func (s *Store) Get(k string) []byte { return s.data[k] }
`,
  });
  assert.equal(typeStrAt(ir, "field", `s.data["k"]`), "[]byte");
  assert.equal(typeStrAt(ir, "method", `s.Get("k")`), "[]byte");
  assert.equal(typeStrAt(ir, "global", `registry["x"]`), "*Store");
});

test("IR: functions and methods keyed by receiver, imports by local name", () => {
  const ir = buildIR(`package p

import (
	nethttp "net/http"
	"sync"
	_ "embed"
)

type S struct{ mu sync.Mutex }

func (s *S) A() {}
func (s S) B()  {}
func init()     {}
func init()     {}

var _ nethttp.Handler
`);
  assert.ok(ir.funcs.has("(*S).A"));
  assert.ok(ir.funcs.has("(S).B"));
  assert.deepEqual([...(ir.methods.get("S")?.keys() ?? [])].sort(), ["A", "B"]);
  assert.equal([...ir.funcs.values()].filter((f) => f.name === "init").length, 2, "both init functions are kept");
  const f = fileIR(ir);
  assert.equal(f.imports.get("nethttp"), "net/http");
  assert.equal(f.imports.get("sync"), "sync");
  assert.equal(f.imports.has("_"), false);
  assert.equal(f.goVersion, "1.22");
});

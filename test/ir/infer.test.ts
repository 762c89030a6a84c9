/**
 * Light type inference (src/ir/infer.ts through scopesOf): what the analysis
 * needs to know about an expression — a map, a slice, a *[]byte, a field of
 * which struct — and that what can't be known stays unknown.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { TypeInference } from "../../src/ir/infer.js";
import { lookupField, lookupMethod } from "../../src/ir/lookup.js";
import { typeString } from "../../src/ir/type-expr.js";
import { buildIR, exprAt, fileIR, typeStrAt } from "../analysis/helpers.js";

const SRC = `package p

import (
	"bytes"
	"sync"
)

type Entry struct{ data []byte }

type Cfg map[string]Entry

type Base struct {
	items map[string]int
}

type Cache struct {
	Base
	mu    sync.Mutex
	blobs map[string]*[]byte
	byID  map[int]*Entry
}

type heapData struct {
	items []*Entry
}

var global = make(map[string][]byte)
var cfgs Cfg

func newCache() *Cache { return &Cache{} }

func (c *Cache) Blob(k string) *[]byte { return c.blobs[k] }

func pair() (map[string]int, error) { return nil, nil }

func Use(c *Cache, h *heapData, xs []int, p *[]byte, cfg Cfg) {
	_ = c // @ident
	_ = c.items // @promoted
	_ = c.Base.items // @explicit
	_ = c.blobs["k"] // @mapIndex
	_ = *c.blobs["k"] // @deref
	_ = (*c.blobs["k"])[0] // @derefIndex
	_ = xs[1] // @sliceIndex
	_ = *p // @ptr
	_ = &xs // @addr
	_ = newCache() // @call
	_ = c.Blob("k") // @method
	_ = newCache().blobs // @callField
	m := make(map[string]int) // @make
	q := new([]byte) // @new
	e := Entry{} // @lit
	pe := &Entry{} // @litPtr
	cv := Cfg(nil) // @conv
	_ = cfg["a"] // @named
	_ = cfgs["a"].data // @namedField
	_ = h.items // @heapItems
	_ = h.items[0].data // @heapElem
	_ = global["x"] // @global
	r, err := pair() // @tuple
	_ = bytes.Clone(*p) // @foreign
	_ = c.mu // @mutex
	_, _, _, _, _, _, _ = m, q, e, pe, cv, r, err
	_ = m // @m
	_ = q // @q
	_ = r // @r
	_ = err // @err
	_ = pe // @pe
}
`;

const ir = buildIR(SRC);
const ty = (marker: string, text: string) => typeStrAt(ir, marker, text);

test("identifier: a parameter's declared type", () => {
  assert.equal(ty("ident", "c"), "*Cache");
});

test("selector: promoted field through an embedded struct", () => {
  assert.equal(ty("promoted", "c.items"), "map[string]int");
  assert.equal(ty("explicit", "c.Base.items"), "map[string]int");
});

test("lookupField reports the embedded hops of a promoted field", () => {
  const hit = lookupField(ir, { k: "named", name: "Cache", pkg: null }, "items");
  assert.ok(hit);
  assert.deepEqual(hit.hops, ["Base"]);
  assert.equal(lookupField(ir, { k: "named", name: "Cache", pkg: null }, "nope"), null);
});

test("index on a map of *[]byte, dereference, and index through the pointer", () => {
  assert.equal(ty("mapIndex", `c.blobs["k"]`), "*[]byte");
  assert.equal(ty("deref", `*c.blobs["k"]`), "[]byte");
  assert.equal(ty("derefIndex", `(*c.blobs["k"])[0]`), "byte");
});

test("index on a slice; *p and &x", () => {
  assert.equal(ty("sliceIndex", "xs[1]"), "int");
  assert.equal(ty("ptr", "*p"), "[]byte");
  assert.equal(ty("addr", "&xs"), "*[]int");
});

test("calls: declared result of a function and of a method, field of a call result", () => {
  assert.equal(ty("call", "newCache()"), "*Cache");
  assert.equal(ty("method", `c.Blob("k")`), "*[]byte");
  assert.equal(ty("callField", "newCache().blobs"), "map[string]*[]byte");
});

test("lookupMethod finds methods declared on the pointer receiver", () => {
  const hit = lookupMethod(ir, { k: "ptr", elem: { k: "named", name: "Cache", pkg: null } }, "Blob");
  assert.equal(hit?.method.key, "(*Cache).Blob");
});

test("make, new and composite literals", () => {
  assert.equal(ty("make", "make(map[string]int)"), "map[string]int");
  assert.equal(ty("new", "new([]byte)"), "*[]byte");
  assert.equal(ty("lit", "Entry{}"), "Entry");
  assert.equal(ty("litPtr", "&Entry{}"), "*Entry");
});

test("short variable declarations take the type of their right-hand side", () => {
  assert.equal(ty("m", "m"), "map[string]int");
  assert.equal(ty("q", "q"), "*[]byte");
  assert.equal(ty("pe", "pe"), "*Entry");
});

test("multi-value call spreads its results over the targets", () => {
  assert.equal(ty("r", "r"), "map[string]int");
  assert.equal(ty("err", "err"), "error");
});

test("conversion to a named map type", () => {
  assert.equal(ty("conv", "Cfg(nil)"), "Cfg");
});

test("named map type: index yields the element, fields of the element resolve", () => {
  assert.equal(ty("named", `cfg["a"]`), "Entry");
  assert.equal(ty("namedField", `cfgs["a"].data`), "[]byte");
  const inf = new TypeInference(ir);
  assert.equal(inf.under({ k: "named", name: "Cfg", pkg: null }).k, "map");
});

test("field items of *heapData is a slice of pointers; element fields resolve", () => {
  assert.equal(ty("heapItems", "h.items"), "[]*Entry");
  assert.equal(ty("heapElem", "h.items[0].data"), "[]byte");
});

test("package-level variable without a declared type: inferred from its initializer", () => {
  assert.equal(ty("global", `global["x"]`), "[]byte");
  const inf = new TypeInference(ir);
  assert.equal(typeString(inf.globalType("global")!), "map[string][]byte");
  assert.equal(typeString(inf.globalType("cfgs")!), "Cfg");
  assert.equal(inf.globalType("nope"), undefined);
});

test("a call into another package stays unknown", () => {
  assert.equal(ty("foreign", "bytes.Clone(*p)"), "?");
});

test("imported types keep their package path", () => {
  const t = exprAt(ir, "mutex", "c.mu");
  const inf = new TypeInference(ir);
  const typ = inf.typeOf(t, fileIR(ir), () => undefined);
  // Without locals, `c` is unknown and so is the field: unknown never guesses.
  assert.equal(typ.k, "unknown");
  assert.deepEqual(ty("mutex", "c.mu"), "sync.Mutex");
});

test("TypeInference.typeOf uses the caller's locals", () => {
  const inf = new TypeInference(ir);
  const node = exprAt(ir, "mapIndex", `c.blobs["k"]`);
  const t = inf.typeOf(node, fileIR(ir), (name) => (name === "c" ? { k: "ptr", elem: { k: "named", name: "Cache", pkg: null } } : undefined));
  assert.equal(typeString(t), "*[]byte");
});

test("a local shadowing a package name is the local", () => {
  const ir2 = buildIR(`package p

import "strings"

func F() {
	strings := map[string]int{}
	_ = strings["x"] // @use
}
`);
  assert.equal(typeStrAt(ir2, "use", `strings["x"]`), "int");
});

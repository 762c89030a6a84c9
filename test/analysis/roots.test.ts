/**
 * Which functions are walked as entry points because they may start
 * goroutines (spawningFunctions): the call graph by name must keep plain
 * calls, method calls and imported packages apart, follow known receiver
 * types, and stop where the walker stops inlining.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawningFunctions } from "../../src/analysis/walk/package-walk.js";
import { PackageDriver } from "../../src/analysis/framework.js";
import { callGraphAnalyzer } from "../../src/analysis/base/callgraph.js";
import { inspectAnalyzer } from "../../src/analysis/base/inspect.js";
import { MAX_DEPTH } from "../../src/analysis/walk/common.js";
import { buildIR } from "./helpers.js";

const roots = (src: string) => {
  const driver = new PackageDriver(buildIR(src));
  return [...spawningFunctions(driver.ir, driver.result(callGraphAnalyzer), driver.result(inspectAnalyzer))].sort();
};

test("a go statement, and callers of a function that has one, are roots", () => {
  assert.deepEqual(
    roots(`package p

func start() { go func() {}() }
func Caller() { start() }
func Unrelated() {}
`),
    ["Caller", "start"],
  );
});

test("a plain call f() does not reach a method named f, nor x.f() a function named f", () => {
  assert.deepEqual(
    roots(`package p

type S struct{}

func (s *S) Start() { go func() {}() }
func Start() {}
func PlainCaller() { Start() }
func MethodCaller(s *S) { s.Start() }
`),
    ["(*S).Start", "MethodCaller"],
  );
});

test("a call into an imported package never reaches a package function of the same name", () => {
  assert.deepEqual(
    roots(`package p

import "strings"

func Join() { go func() {}() }
func Caller() { _ = strings.Join(nil, "") }
`),
    ["Join"],
  );
});

test("a method call on the receiver's field follows the field's type, not every method of that name", () => {
  assert.deepEqual(
    roots(`package p

import "bytes"

type hash struct{ n int }

func (h *hash) Write(b []byte) { h.n += len(b) }

type Conn struct {
	h   hash
	buf bytes.Buffer
}

func (c *Conn) Write(b []byte) { go func() {}() }
func (c *Conn) record(b []byte) { c.h.Write(b); c.buf.Write(b) }
func (c *Conn) Send(b []byte) { c.Write(b) }
`),
    ["(*Conn).Send", "(*Conn).Write"],
  );
});

test("t.Run starts goroutines only in a package with parallel subtests", () => {
  const src = (body: string) => `package p

import "testing"

func TestA(t *testing.T) { t.Run("x", func(t *testing.T) { ${body} }) }
`;
  assert.deepEqual(roots(src("")), []);
  assert.deepEqual(roots(src("t.Parallel()")), ["TestA"]);
});

test("callers further from the spawn than the walker inlines are not roots", () => {
  const chain = Array.from({ length: MAX_DEPTH + 2 }, (_, i) => `func f${i}() { ${i === 0 ? "go func() {}()" : `f${i - 1}()`} }`).join("\n");
  const got = roots(`package p\n\n${chain}\n`);
  assert.deepEqual(got, Array.from({ length: MAX_DEPTH + 1 }, (_, i) => `f${i}`).sort());
});

test("a call the walker cannot follow (through an interface, or on a value of unknown type) adds no root", () => {
  assert.deepEqual(
    roots(`package p

import "crypto/sha1"

type writer interface{ Write(b []byte) }

type Conn struct{}

func (c *Conn) Write(b []byte) { go func() {}() }
func record(w writer, b []byte) { w.Write(b) }
func digest(b []byte) { h := sha1.New(); h.Write(b) }
func send(c *Conn, b []byte) { c.Write(b) }
`),
    ["(*Conn).Write", "send"],
  );
});

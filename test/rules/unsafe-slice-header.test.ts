/**
 * unsafe-slice-header, as a reporter of the unsafe-headers analyzer: one
 * finding per forged header, renamed imports, a package's own SliceHeader
 * type, slices whose length is known only while they are not reassigned,
 * pointers made from uintptr arithmetic through locals; evidence and
 * suppression through the engine.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { unsafeSliceHeader } from "../../rules/unsafe-slice-header.js";
import { unsafeHeadersAnalyzer } from "../../src/analysis/unsafe-headers.js";
import type { Finding } from "../../src/report/finding.js";
import { ruleTester } from "../harness/rule-tester.js";
import { unmetFacts } from "../harness/fact-wants.js";

const header = (imports: string, u: string, r: string, extra = "") => `package p

import (
${imports}
)

func View(p ${u}.Pointer, n int) []byte {
	var b []byte
	h := (*${r}.SliceHeader)(${u}.Pointer(&b))
	h.Data = uintptr(p)${extra}
	h.Len = n
	h.Cap = n
	return b
}
`;
import { lintModule } from "../helpers/lint-module.js";
const plainHeader = header('\t"reflect"\n\t"unsafe"', "unsafe", "reflect");

const ownHeader = `package p

type SliceHeader struct{ Data, Len, Cap int }

func Fill(h *SliceHeader, n int) {
	h.Data = 0
	h.Len = n
	h.Cap = n
}
`;

const madeSlice = (reassign: string) => `package p

import "unsafe"

func grow(b []byte) []byte { return append(b, make([]byte, 32)...) }

func View() []byte {
	b := make([]byte, 16)
${reassign}	return unsafe.Slice(&b[0], 20)
}
`;

const pokeThroughLocals = `package p

import "unsafe"

func Poke(p unsafe.Pointer, off uintptr, v byte) {
	addr := uintptr(p) + off
	q := unsafe.Pointer(addr)
	*(*byte)(q) = v
}
`;

ruleTester(unsafeSliceHeader, {
  valid: [
    { name: "a package's own SliceHeader type is not reflect's", code: ownHeader },
    { name: "a slice reassigned in its function may have any length", code: madeSlice("\tb = grow(b)\n") },
    {
      name: "reading header fields and reading through uintptr arithmetic",
      code: `package p

import (
	"reflect"
	"unsafe"
)

func Peek(b []byte) (uintptr, uint16) {
	h := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	return h.Data, *(*uint16)(unsafe.Pointer(uintptr(unsafe.Pointer(&b[0])) + 2))
}
`,
    },
  ],
  invalid: [
    {
      name: "one finding per header variable, at its first write",
      code: plainHeader,
      errors: [{ line: 11, messageId: "fieldWrite", message: /^Write to reflect\.SliceHeader fields Data, Len, Cap of h\. / }],
    },
    { name: "renamed imports are followed", code: header('\trf "reflect"\n\tu "unsafe"', "u", "rf"), errors: [{ line: 11, messageId: "fieldWrite" }] },
    { name: "a slice made with 16 elements and never reassigned", code: madeSlice(""), errors: [{ line: 9, messageId: "sliceOverflow", message: /spans 20 elements from index 0, where b has 16 \(make\(\[\]byte, 16\)\)/ }] },
    {
      name: "a write through a pointer made from uintptr arithmetic kept in locals",
      code: pokeThroughLocals,
      errors: [{ line: 8, messageId: "arithWrite", message: /^Write through a pointer computed with uintptr arithmetic: \*\(\*byte\)\(q\) = v\. unsafe\.Pointer\(addr\) turns/ }],
    },
  ],
});

test("unsafe-headers facts: each hazard on its line", () => {
  const code = `package p

import (
	"reflect"
	"unsafe"
)

func Forge(p uintptr, n int) []byte {
	var b []byte
	h := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	h.Data = p // fact unsafe-headers:"field write h\\.\\{Data,Len\\} \\(reflect\\.SliceHeader\\)"
	h.Len = n
	_ = reflect.StringHeader{Data: p, Len: n} // fact unsafe-headers:"literal reflect\\.StringHeader"
	var two [2]uint32
	_ = unsafe.Add(unsafe.Pointer(&two[0]), 8) // fact unsafe-headers:"unsafe\\.Add 8 bytes into two of 8"
	return unsafe.Slice(&two[1], 3) // fact unsafe-headers:"unsafe\\.Slice spans 3 from two\\[1\\], which has 1 from there"
}
`;
  assert.deepEqual(unmetFacts(code, [unsafeHeadersAnalyzer]), []);
  assert.deepEqual(unmetFacts(pokeThroughLocals.replace("= v", '= v // fact unsafe-headers:"write through uintptr arithmetic unsafe\\.Pointer\\(addr\\)"'), [unsafeHeadersAnalyzer]), []);
});

// Evidence (related locations, severity) and suppressions are the engine's: these run through runLint.
const RULE = "unsafe-slice-header";
const lint = (src: string): Promise<Finding[]> => lintModule(RULE, { "p.go": src }, { goVersion: "1.21", severity: "error" });

test("the header's other writes and its initializer are the finding's evidence", async () => {
  const [f, ...rest] = await lint(plainHeader);
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(f.line, 11);
  assert.deepEqual(f.related.map((r) => r.line), [12, 13, 10]);
  assert.equal(f.severity, "error");
});

test("suppression: //nolint and //lint:ignore", async () => {
  assert.deepEqual(await lint(header('\t"reflect"\n\t"unsafe"', "unsafe", "reflect", " //nolint:go-hazard/unsafe-slice-header // mmap'd region")), []);
  const ignored = plainHeader.replace("\th.Data =", "\t//lint:ignore go-hazard/unsafe-slice-header mmap'd region\n\th.Data =");
  assert.deepEqual(await lint(ignored), []);
});

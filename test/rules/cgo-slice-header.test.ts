/**
 * cgo-slice-header, as a reporter of the cgo-memory analyzer: only files
 * that import "C", slice headers passed to C (directly and through a local),
 * allocations never freed (kept in a variable or passed straight to C), and
 * those freed, returned or handed on; evidence and suppression through the
 * engine.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cgoSliceHeader } from "../../rules/cgo-slice-header.js";
import { cgoMemoryAnalyzer } from "../../src/analysis/cgo-memory.js";
import type { Finding } from "../../src/report/finding.js";
import { ruleTester } from "../harness/rule-tester.js";
import { unmetFacts } from "../harness/fact-wants.js";

const cgo = `package p

/*
#include <stdlib.h>
int sum(const void *p, size_t n);
int lookup(const char *key);
*/
import "C"

import "unsafe"

func Sum(b []byte) int {
	return int(C.sum(unsafe.Pointer(&b), C.size_t(len(b))))
}

func Lookup(key string) int {
	k := C.CString(key)
	return int(C.lookup(k))
}
`;
import { lintModule } from "../helpers/lint-module.js";

const withLookup = (body: string) => `package p

// int lookup(const char *key);
import "C"

import "unsafe"

type Table struct{ key *C.char }

func keep(p *C.char) {}

func Lookup(t *Table, key string) int {
${body}}
`;

ruleTester(cgoSliceHeader, {
  valid: [
    {
      name: 'files without import "C" are not looked at',
      code: `package p

import "unsafe"

type fake struct{}

func (fake) sum(p unsafe.Pointer, n int) int { return n }

var C fake

func Sum(b []byte) int { return C.sum(unsafe.Pointer(&b), len(b)) }
`,
    },
    { name: "the data pointer and the length", code: cgo.replace("unsafe.Pointer(&b)", "unsafe.Pointer(&b[0])").replace("\treturn int(C.lookup(k))", "\tdefer C.free(unsafe.Pointer(k))\n\treturn int(C.lookup(k))") },
    { name: "freed in a deferred closure", code: withLookup("\tk := C.CString(key)\n\tdefer func() { C.free(unsafe.Pointer(k)) }()\n\treturn int(C.lookup(k))\n") },
    { name: "stored in a field", code: withLookup("\tk := C.CString(key)\n\tt.key = k\n\treturn int(C.lookup(k))\n") },
    { name: "handed to a Go function", code: withLookup("\tk := C.CString(key)\n\tkeep(k)\n\treturn int(C.lookup(k))\n") },
  ],
  invalid: [
    {
      name: "a header pointer and a leak in a cgo file",
      code: cgo,
      errors: [
        { line: 13, messageId: "header", message: /^C\.sum receives unsafe\.Pointer\(&b\), a pointer to the Go slice header of b, not to its bytes\./ },
        { line: 17, messageId: "leak", message: /^C memory from C\.CString\(key\) in Lookup is never freed: k is not passed to C\.free, returned or stored anywhere\./ },
      ],
    },
    { name: "a freed allocation leaves the header pointer", code: cgo.replace("\treturn int(C.lookup(k))", "\tdefer C.free(unsafe.Pointer(k))\n\treturn int(C.lookup(k))"), errors: [{ line: 13, messageId: "header" }] },
    {
      name: "a header pointer kept in a local first",
      code: cgo.replace("\treturn int(C.sum(unsafe.Pointer(&b),", "\tp := unsafe.Pointer(&b)\n\treturn int(C.sum(p,"),
      errors: [{ line: 14, messageId: "header", message: /^C\.sum receives p, a pointer to the Go slice header of b/ }, { line: 18, messageId: "leak" }],
    },
    {
      name: "an allocation passed straight to C",
      code: withLookup("\treturn int(C.lookup(C.CString(key)))\n"),
      errors: [{ line: 13, messageId: "leakDirect", message: /^C memory from C\.CString\(key\) is passed straight to C\.lookup and never freed\./ }],
    },
  ],
});

test("cgo-memory facts: each hazard on its line", () => {
  const code = cgo
    .replace("C.sum(unsafe.Pointer(&b), C.size_t(len(b))))", 'C.sum(unsafe.Pointer(&b), C.size_t(len(b)))) // fact cgo-memory:"header of b to C\\.sum"')
    .replace("C.CString(key)", 'C.CString(key) // fact cgo-memory:"leak C\\.CString in k"');
  assert.deepEqual(unmetFacts(code, [cgoMemoryAnalyzer]), []);
});

// Evidence and suppressions are the engine's: these run through runLint.
const RULE = "cgo-slice-header";
const lint = (src: string): Promise<Finding[]> => lintModule(RULE, { "p.go": src }, { goVersion: "1.21", severity: "error" });

test("a header pointer kept in a local points at where it is taken", async () => {
  const got = await lint(cgo.replace("\treturn int(C.sum(unsafe.Pointer(&b),", "\tp := unsafe.Pointer(&b)\n\treturn int(C.sum(p,"));
  assert.deepEqual(got.map((f) => f.line), [14, 18]);
  assert.deepEqual(got[0]!.related.map((r) => [r.line, r.message]), [[13, "unsafe.Pointer(&b): the header pointer is taken here"]]);
});

test("suppression: //nolint and //lint:ignore", async () => {
  const suppressed = cgo
    .replace("C.size_t(len(b))))", "C.size_t(len(b)))) //nolint:go-hazard/cgo-slice-header // sum reads the header on purpose")
    .replace("\tk := C.CString(key)", "\t//lint:ignore go-hazard/cgo-slice-header lookup takes ownership\n\tk := C.CString(key)");
  assert.deepEqual(await lint(suppressed), []);
});

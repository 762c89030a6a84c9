/**
 * cgo-slice-header: only files that import "C", both kinds of finding, suppression.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runLint } from "../src/engine/index.js";
import type { Finding } from "../src/report/finding.js";

const RULE = "cgo-slice-header";
const roots: string[] = [];
after(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

async function lint(files: Record<string, string>): Promise<Finding[]> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "go-hazard-cgo-")));
  roots.push(root);
  fs.writeFileSync(path.join(root, "go.mod"), "module example.com/cgo\n\ngo 1.21\n");
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
  const result = await runLint({ cwd: root, patterns: ["./..."], jobs: 1, tests: true, rules: { [RULE]: "error" } });
  assert.deepEqual(result.notifications.filter((n) => n.kind === "internal-error"), []);
  return result.findings.filter((f) => f.ruleId === RULE);
}

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

test("header pointer and leak are reported in a cgo file", async () => {
  const got = await lint({ "p.go": cgo });
  assert.deepEqual(got.map((f) => f.line), [13, 17]);
  assert.match(got[0]!.message, /^C\.sum receives unsafe\.Pointer\(&b\), a pointer to the Go slice header of b, not to its bytes\./);
  assert.match(got[1]!.message, /^C memory from C\.CString\(key\) in Lookup is never freed: k is not passed to C\.free, returned or stored anywhere\./);
});

test("files without import \"C\" are not looked at", async () => {
  const plain = `package p

import "unsafe"

type fake struct{}

func (fake) sum(p unsafe.Pointer, n int) int { return n }

var C fake

func Sum(b []byte) int { return C.sum(unsafe.Pointer(&b), len(b)) }
`;
  assert.deepEqual(await lint({ "p.go": plain }), []);
});

test("freed, deferred and suppressed allocations are silent", async () => {
  const freed = cgo.replace("\treturn int(C.lookup(k))", "\tdefer C.free(unsafe.Pointer(k))\n\treturn int(C.lookup(k))");
  assert.deepEqual((await lint({ "p.go": freed })).map((f) => f.line), [13]);
  const suppressed = cgo
    .replace("C.size_t(len(b))))", "C.size_t(len(b)))) //nolint:go-hazard/cgo-slice-header // sum reads the header on purpose")
    .replace("\tk := C.CString(key)", "\t//lint:ignore go-hazard/cgo-slice-header lookup takes ownership\n\tk := C.CString(key)");
  assert.deepEqual(await lint({ "p.go": suppressed }), []);
});

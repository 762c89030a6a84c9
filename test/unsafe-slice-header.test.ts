/**
 * unsafe-slice-header: one finding per forged header, renamed imports, a
 * package's own SliceHeader type, suppression.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runLint } from "../src/engine/index.js";
import type { Finding } from "../src/report/finding.js";

const RULE = "unsafe-slice-header";
const roots: string[] = [];
after(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

async function lint(src: string): Promise<Finding[]> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "go-hazard-ush-")));
  roots.push(root);
  fs.writeFileSync(path.join(root, "go.mod"), "module example.com/ush\n\ngo 1.21\n");
  fs.writeFileSync(path.join(root, "p.go"), src);
  const result = await runLint({ cwd: root, patterns: ["./..."], jobs: 1, tests: true, rules: { [RULE]: "error" } });
  assert.deepEqual(result.notifications.filter((n) => n.kind === "internal-error"), []);
  return result.findings.filter((f) => f.ruleId === RULE);
}

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

test("one finding per header variable, at its first write, with the other writes as evidence", async () => {
  const [f, ...rest] = await lint(header('\t"reflect"\n\t"unsafe"', "unsafe", "reflect"));
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(f.line, 11);
  assert.match(f.message, /^Write to reflect\.SliceHeader fields Data, Len, Cap of h\. /);
  assert.deepEqual(f.related.map((r) => r.line), [12, 13, 10]);
  assert.equal(f.severity, "error");
});

test("renamed imports are followed; a package's own SliceHeader type is not reflect's", async () => {
  assert.equal((await lint(header('\trf "reflect"\n\tu "unsafe"', "u", "rf"))).length, 1);
  const own = `package p

type SliceHeader struct{ Data, Len, Cap int }

func Fill(h *SliceHeader, n int) {
	h.Data = 0
	h.Len = n
	h.Cap = n
}
`;
  assert.deepEqual(await lint(own), []);
});

test("suppression: //nolint and //lint:ignore", async () => {
  assert.deepEqual(await lint(header('\t"reflect"\n\t"unsafe"', "unsafe", "reflect", " //nolint:go-hazard/unsafe-slice-header // mmap'd region")), []);
  const ignored = header('\t"reflect"\n\t"unsafe"', "unsafe", "reflect").replace("\th.Data =", "\t//lint:ignore go-hazard/unsafe-slice-header mmap'd region\n\th.Data =");
  assert.deepEqual(await lint(ignored), []);
});

/**
 * reused-buffer-alias: message and evidence of a finding, suppression.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runLint } from "../src/engine/index.js";
import type { Finding } from "../src/report/finding.js";

const RULE = "reused-buffer-alias";
const roots: string[] = [];
after(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

async function lint(src: string): Promise<Finding[]> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "go-hazard-rba-")));
  roots.push(root);
  fs.writeFileSync(path.join(root, "go.mod"), "module example.com/rba\n\ngo 1.21\n");
  fs.writeFileSync(path.join(root, "p.go"), src);
  const result = await runLint({ ruleSet: standardRules, cwd: root, patterns: ["./..."], jobs: 1, tests: true, rules: { [RULE]: "warning" } });
  assert.deepEqual(result.notifications.filter((n) => n.kind === "internal-error"), []);
  return result.findings.filter((f) => f.ruleId === RULE);
}

const src = (store: string) => `package p

import "io"

func Load(r io.Reader, keys []string) map[string][]byte {
	m := make(map[string][]byte)
	buf := make([]byte, 512)
	for _, k := range keys {
		n, _ := r.Read(buf)
		${store}
	}
	return m
}
`;
import { standardRules } from "./helpers/rule-set.js";

test("message names alias, buffer, store and rewrite; evidence points at both", async () => {
  const [f, ...rest] = await lint(src("m[k] = buf[:n]"));
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(f.line, 10);
  assert.match(f.message, /^buf\[:n\] aliases the buffer buf, which this loop reuses, and is stored in map m\. /);
  assert.match(f.message, /r\.Read\(buf\), line 9/);
  assert.match(f.message, /bytes\.Clone\(buf\[:n\]\) or append\(\[\]byte\(nil\), buf\[:n\]\.\.\.\)/);
  assert.deepEqual(f.related.map((r) => r.line), [9, 7]);
  assert.equal(f.severity, "warning");
});

test("copies are silent", async () => {
  for (const store of ["m[k] = append([]byte(nil), buf[:n]...)", "m[k] = []byte(string(buf[:n]))", "c := make([]byte, n); copy(c, buf); m[k] = c"]) {
    assert.deepEqual(await lint(src(store)), [], store);
  }
});

test("suppression: //nolint and //lint:ignore", async () => {
  assert.deepEqual(await lint(src("m[k] = buf[:n] //nolint:go-hazard/reused-buffer-alias // consumed before the next read")), []);
  assert.deepEqual(await lint(src("//lint:ignore go-hazard/reused-buffer-alias consumed before the next read\n\t\tm[k] = buf[:n]")), []);
});

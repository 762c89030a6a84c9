/**
 * The examples in docs/output-formats.md against real output (issue 21,
 * problem 6: the JSON fingerprint was not what the docs showed).
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cli, cleanupTemp, GO_MOD, racy, repoRoot, tempTree } from "./helpers/cli.js";

after(cleanupTemp);

test("the JSON example's finding has the keys, key order and fingerprint shape of real output", () => {
  const md = fs.readFileSync(path.join(repoRoot, "docs", "output-formats.md"), "utf8");
  const block = /## json[\s\S]*?```json\n([\s\S]*?)```/.exec(md)![1]!;
  const documented = (JSON.parse(block) as { findings: Record<string, unknown>[] }).findings[0]!;
  const r = cli(["lint", "--no-cache", "--format", "json"], { cwd: tempTree({ "go.mod": GO_MOD, "a.go": racy() }) });
  const real = (JSON.parse(r.stdout) as { findings: Record<string, unknown>[] }).findings[0]!;
  assert.deepEqual(Object.keys(documented), Object.keys(real).filter((k) => k in documented), "documented keys in real order");
  for (const k of Object.keys(real)) assert.ok(k in documented || k === "function" || k === "object", `real key ${k} is documented`);
  assert.match(String(real.fingerprint), /^[0-9a-f]{16}$/);
  assert.match(String(documented.fingerprint), /^[0-9a-f]{16}$/);
});

/**
 * One finding per hazard per line (issue 21, problem 6): a field-lock finding
 * on the line and field of a race finding joins it as a related location.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import type { Finding } from "../src/report/finding.js";
import { mergeOverlaps } from "../src/engine/overlaps.js";
import { cli, json, repoRoot } from "./helpers/cli.js";

function f(over: Partial<Finding>): Finding {
  return { ruleId: "map-race", severity: "error", message: "M.", file: "a.go", line: 3, column: 2, endLine: 3, endColumn: 9, related: [], flows: [], fingerprint: "x", ...over };
}

test("merged only for the same file, line and field", () => {
  const race = f({ object: "c.items", related: [{ id: 1, message: "other", file: "a.go", line: 9, column: 1, endLine: 9, endColumn: 2 }] });
  const lock = f({ ruleId: "inconsistent-field-lock", severity: "warning", object: "Cache.items", message: "Cache.items is written without [c.mu](1), which is held around it elsewhere. More." });
  const merged = mergeOverlaps([lock, race]);
  assert.equal(merged.length, 1);
  assert.equal(merged[0]!.ruleId, "map-race");
  assert.deepEqual(merged[0]!.related.map((r) => [r.id, r.message]), [
    [1, "other"],
    [2, "Cache.items is written without c.mu, which is held around it elsewhere (inconsistent-field-lock)"],
  ]);
  // The field-lock finding's evidence (where the lock is held) comes along, once per place.
  const held = { id: 1, message: "c.mu is held here", file: "a.go", line: 20, column: 1, endLine: 20, endColumn: 2 };
  const withEvidence = mergeOverlaps([{ ...lock, related: [held, { ...held, id: 2, line: 9 }] }, race]);
  assert.deepEqual(withEvidence[0]!.related.map((r) => [r.id, r.line]), [[1, 9], [2, 3], [3, 20]]);
  assert.equal(withEvidence[0]!.related[2]!.message, "c.mu is held here (inconsistent-field-lock)");
  assert.equal(mergeOverlaps([{ ...lock, line: 4 }, race]).length, 2, "another line");
  assert.equal(mergeOverlaps([{ ...lock, object: "Cache.other" }, race]).length, 2, "another field");
  assert.equal(mergeOverlaps([lock, { ...race, ruleId: "unbounded-map-growth" }]).length, 2, "not a race rule");
});

test("CLI: janitor_goroutine has no field-lock finding on the race lines, and the race findings carry it", () => {
  const r = cli(["lint", "--no-cache", "--format", "json", "./janitor_goroutine"], { cwd: path.join(repoRoot, "testdata", "inconsistent-field-lock") });
  assert.equal(r.code, 1, r.stderr);
  const findings = json(r).findings as (ReturnType<typeof json>["findings"][number] & { related: { message: string }[] })[];
  const at = (line: number) => findings.filter((x) => x.line === line).map((x) => x.ruleId);
  assert.deepEqual(at(28), ["map-range-race"]);
  assert.deepEqual(at(30), ["map-race"]);
  assert.ok(findings.find((x) => x.line === 30)!.related.some((r) => /\(inconsistent-field-lock\)$/.test(r.message)));
});

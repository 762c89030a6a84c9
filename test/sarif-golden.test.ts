/**
 * A golden SARIF log for one race fixture: the results GitHub would receive,
 * byte for byte, whatever the number of jobs. Machine-specific parts
 * (the absolute run root, the tool version) are normalised before comparing.
 * Regenerate after an intended change with GO_HAZARD_UPDATE_GOLDEN=1.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = path.join(repoRoot, "bin", "go-hazard.js");
const fixture = path.join(repoRoot, "testdata", "map-race");
const golden = path.join(repoRoot, "test", "golden", "map-race-closure_loop.sarif.json");
const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

function sarif(jobs: number): string {
  const env = { ...process.env };
  delete env.GITHUB_STEP_SUMMARY;
  const r = spawnSync(
    process.execPath,
    [bin, "lint", "./closure_loop", "./go_param", "--format", "sarif", "--jobs", String(jobs), "--no-tests", "--rule", "map-race=error", "--sarif-root", "."],
    { cwd: fixture, env, encoding: "utf8", timeout: 120_000 },
  );
  assert.equal(r.status, 1, r.stderr);
  const rootUri = pathToFileURL(fixture + path.sep).href;
  const log = JSON.parse(r.stdout.split(rootUri).join("file:///RUN-ROOT/").split(`"${version}"`).join('"VERSION"')) as {
    runs: Array<Record<string, unknown> & { tool: { driver: { rules: Array<{ id: string }> } } }>;
  };
  // The results as GitHub ingests them. Rule metadata (help generated from docs/rules, which
  // changes with every doc edit) is checked by test/sarif.test.ts; only the rule order is kept here.
  const run = log.runs[0]!;
  const kept = { rules: run.tool.driver.rules.map((r) => r.id), artifacts: run.artifacts, results: run.results, columnKind: run.columnKind, originalUriBaseIds: run.originalUriBaseIds };
  return JSON.stringify(kept, null, 2) + "\n";
}

test("golden SARIF for a race fixture, identical with --jobs 1 and --jobs 2", () => {
  const one = sarif(1);
  const two = sarif(2);
  assert.equal(two, one, "--jobs must not change the SARIF log");
  if (process.env.GO_HAZARD_UPDATE_GOLDEN === "1" || !fs.existsSync(golden)) {
    fs.mkdirSync(path.dirname(golden), { recursive: true });
    fs.writeFileSync(golden, one);
  }
  assert.equal(one, fs.readFileSync(golden, "utf8"), "SARIF differs from test/golden/map-race-closure_loop.sarif.json");
  const kept = JSON.parse(one) as { results: Array<{ ruleId: string; codeFlows?: unknown[]; partialFingerprints?: Record<string, string> }> };
  const results = kept.results.filter((r) => r.ruleId === "map-race");
  assert.ok(results.length >= 2, "both fixtures report");
  for (const r of results) {
    assert.ok(r.codeFlows && r.codeFlows.length > 0, "race results carry code flows");
    assert.match(r.partialFingerprints?.primaryLocationLineHash ?? "", /^[0-9a-f]+:\d+$/);
  }
});

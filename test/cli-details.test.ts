/**
 * The CLI details of issue 21, problem 6: --fail-level, several reports from
 * one run (--format NAME[:FILE]), and `go-hazard rules <id>`.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cli, cleanupTemp, GO_MOD, json, racy, tempTree } from "./helpers/cli.js";
import { outputSpecs } from "../src/cli/outputs.js";

after(cleanupTemp);

const racyModule = (): string => tempTree({ "go.mod": GO_MOD, "index.go": racy() });

test("--fail-level: exit 1 only for findings at or above it; the findings are still reported", () => {
  const root = racyModule();
  const asWarning = ["lint", "--no-cache", "--format", "json", "--rule", "map-race=warning"];
  const below = cli([...asWarning, "--fail-level", "error"], { cwd: root });
  assert.equal(below.code, 0, below.stderr);
  assert.ok(json(below).findings.some((f) => f.ruleId === "map-race"));
  assert.equal(cli([...asWarning, "--fail-level", "warning"], { cwd: root }).code, 1);
  assert.equal(cli([...asWarning], { cwd: root }).code, 1, "default: any finding");
  assert.equal(cli(["lint", "--no-cache", "--rule", "map-race=note", "--fail-level", "warning"], { cwd: root }).code, 0);
  fs.writeFileSync(path.join(root, ".go-hazard.yaml"), "failLevel: error\n");
  assert.equal(cli([...asWarning], { cwd: root }).code, 0, "config key failLevel");
  assert.equal(cli([...asWarning, "--fail-level", "note"], { cwd: root }).code, 1, "the option wins over the config");
  const bad = cli(["lint", "--fail-level", "loud"], { cwd: root });
  assert.equal(bad.code, 2);
});

test("--format text --format sarif:FILE: text on stdout, SARIF in the file, one run", () => {
  const root = racyModule();
  const r = cli(["lint", "--no-cache", "--format", "text", "--format", "sarif:out/go-hazard.sarif", "--format", "json:report.json"], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /index\.go:\d+:\d+: error: .*\[map-race\]/);
  const log = JSON.parse(fs.readFileSync(path.join(root, "out", "go-hazard.sarif"), "utf8")) as { version: string; runs: { results: unknown[] }[] };
  assert.equal(log.version, "2.1.0");
  assert.equal(log.runs[0]!.results.length, json({ code: 1, stdout: fs.readFileSync(path.join(root, "report.json"), "utf8"), stderr: "" }).findings.length);
  // --output still names the file of the one format without its own.
  const o = cli(["lint", "--no-cache", "--format", "sarif", "--output", "a.sarif", "--format", "text"], { cwd: root });
  assert.equal(o.code, 2, "two formats for --output");
  const o2 = cli(["lint", "--no-cache", "--format", "sarif", "--output", "a.sarif"], { cwd: root });
  assert.equal(o2.code, 1, o2.stderr);
  assert.equal(o2.stdout, "");
  assert.ok(fs.existsSync(path.join(root, "a.sarif")));
});

test("--format: two reports to stdout, a duplicate file, an unknown name are usage errors", () => {
  assert.throws(() => outputSpecs(["json", "sarif"], undefined), /only one report can go to stdout/);
  assert.throws(() => outputSpecs(["json:a", "sarif:a"], undefined), /two reports would be written to a/);
  assert.throws(() => outputSpecs(["xml"], undefined), /unknown format "xml"/);
  assert.throws(() => outputSpecs(["sarif:"], undefined), /no file after the colon/);
  assert.deepEqual(outputSpecs([], undefined), [{ format: "text" }]);
  assert.deepEqual(outputSpecs(["sarif:C:\\ci\\x.sarif"], undefined), [{ format: "sarif", file: "C:\\ci\\x.sarif" }]);
  const r = cli(["lint", "--format", "json", "--format", "sarif"], { cwd: racyModule() });
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
});

test("go-hazard rules <id> prints the rule's documentation", () => {
  const r = cli(["rules", "map-race"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^map-race \(error by default, error here; DP-1, DP-3\)\n/);
  assert.match(r.stdout, /# map-race/);
  assert.match(r.stdout, /CWE-362/);
  const j = JSON.parse(cli(["rules", "go-hazard/nil-map-write", "--format", "json"]).stdout) as { id: string; doc: string }[];
  assert.equal(j[0]!.id, "nil-map-write");
  assert.match(j[0]!.doc, /# nil-map-write/);
  const bad = cli(["rules", "map-rac"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /no such rule \(did you mean map-race\?\)/);
});

test("text: the location line carries only the first sentence; explanation lines stay within 100 columns", () => {
  const r = cli(["lint", "--no-cache"], { cwd: racyModule() });
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.split("\n");
  const head = lines.find((l) => l.startsWith("index.go:"))!;
  assert.match(head, /^index\.go:\d+:\d+: error: Map m is written here while another goroutine writes it at the same line, with no common lock\. \[map-race\]$/);
  const explanation = lines.filter((l) => l.startsWith("  ") && !/^ {2}\S+\.go:\d+:\d+: /.test(l) && !/^\s+\d* \|/.test(l));
  assert.ok(explanation.length > 0, r.stdout);
  for (const l of explanation) assert.ok(l.length <= 100, l);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { escapeData, escapeProperty, formatGithub, stepSummaryMarkdown } from "../src/report/github.js";
import type { Finding } from "../src/report/finding.js";
import { finding, makeInput } from "./report-fixture.js";

const noEnv = {};

test("escaping of data and properties", () => {
  assert.equal(escapeData("100% a\r\nb\nc"), "100%25 a%0D%0Ab%0Ac");
  assert.equal(escapeProperty("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
  assert.equal(escapeData("a:b,c"), "a:b,c", "data keeps : and ,");
});

test("one annotation per finding, with escaped file, title and message", () => {
  const input = makeInput();
  input.findings = [
    finding({
      ruleId: "map-race",
      severity: "error",
      file: "dir,x/a:b.go",
      line: 3,
      column: 2,
      endLine: 3,
      endColumn: 9,
      message: "50% of\nthe time, [the read](1) races",
      related: [{ id: 1, file: "a.go", line: 7, column: 1, endLine: 7, endColumn: 4, message: "the read" }],
    }),
    finding({ ruleId: "buffer-alias", severity: "note", file: "b.go", line: 4, endLine: 6, column: 3, endColumn: 2 }),
  ];
  input.notifications = [];
  const out = formatGithub(input, noEnv).trimEnd().split("\n");
  assert.equal(out.length, 2);
  assert.equal(
    out[0],
    "::error file=dir%2Cx/a%3Ab.go,line=3,endLine=3,col=2,endColumn=9,title=go-hazard/map-race::" +
      "50%25 of%0Athe time, the read (a.go:7:1) races [map-race]%0A  a.go:7:1: the read",
  );
  // Multi-line spans carry no columns; notes become notices.
  assert.equal(out[1], "::notice file=b.go,line=4,endLine=6,title=go-hazard/buffer-alias::Something happens here. [buffer-alias]");
});

test("at most 10 per kind, errors first, then a notice with the count left out", () => {
  const input = makeInput();
  const fs_: Finding[] = [];
  for (let i = 1; i <= 13; i++) fs_.push(finding({ ruleId: "w", severity: "warning", file: "w.go", line: i }));
  for (let i = 1; i <= 12; i++) fs_.push(finding({ ruleId: "e", severity: "error", file: "e.go", line: i }));
  for (let i = 1; i <= 3; i++) fs_.push(finding({ ruleId: "n", severity: "note", file: "n.go", line: i }));
  input.findings = fs_;
  input.notifications = [];
  const lines = formatGithub(input, noEnv).trimEnd().split("\n");
  const errors = lines.filter((l) => l.startsWith("::error "));
  const warnings = lines.filter((l) => l.startsWith("::warning "));
  const notices = lines.filter((l) => l.startsWith("::notice "));
  assert.equal(errors.length, 10);
  assert.equal(warnings.length, 10);
  assert.equal(notices.length, 4, "3 notes + the summary notice");
  assert.ok(lines.slice(0, 10).every((l) => l.startsWith("::error ")), "errors first");
  assert.match(errors[0]!, /file=e\.go,line=1,/);
  assert.match(errors[9]!, /file=e\.go,line=10,/, "in the run's order");
  const last = lines[lines.length - 1]!;
  assert.match(last, /^::notice title=go-hazard::5 more go-hazard annotations were left out \(2 errors, 3 warnings\)/);
});

test("notes are capped at 9 when the summary notice is needed", () => {
  const input = makeInput();
  input.findings = Array.from({ length: 15 }, (_, i) => finding({ ruleId: "n", severity: "note", file: "n.go", line: i + 1 }));
  input.notifications = [];
  const lines = formatGithub(input, noEnv).trimEnd().split("\n");
  assert.equal(lines.length, 10);
  assert.match(lines[9]!, /6 more go-hazard annotations were left out \(6 notes\)/);
});

test("no findings, no notifications: no output", () => {
  const input = makeInput();
  input.findings = [];
  input.notifications = [];
  assert.equal(formatGithub(input, noEnv), "");
});

test("paths are made relative to GITHUB_WORKSPACE", () => {
  const input = makeInput();
  const workspace = path.dirname(input.cwd);
  const out = formatGithub(input, { GITHUB_WORKSPACE: workspace });
  assert.ok(out.includes(`file=${path.basename(input.cwd)}/cache.go,`));
});

test("step summary: a markdown table of all findings, appended", () => {
  const input = makeInput();
  input.findings = Array.from({ length: 25 }, (_, i) =>
    finding({ ruleId: "map-race", severity: "error", file: "a.go", line: i + 1, message: `x | y ${i}` }),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "go-hazard-summary-"));
  const file = path.join(dir, "summary.md");
  fs.writeFileSync(file, "previous step\n");
  formatGithub(input, { GITHUB_STEP_SUMMARY: file });
  const md = fs.readFileSync(file, "utf8");
  assert.ok(md.startsWith("previous step\n## go-hazard"));
  assert.match(md, /25 findings \(25 errors\)/);
  assert.match(md, /\| Location \| Rule \| Severity \| Message \|/);
  const rows = md.split("\n").filter((l) => l.startsWith("| `a.go:"));
  assert.equal(rows.length, 25, "all findings, not just the first 10");
  assert.equal(rows[0], "| `a.go:1` | map-race | error | x \\| y 0 |");
  assert.match(md, /### Notifications/);
});

test("step summary stays under its size limit", () => {
  const input = makeInput();
  input.findings = Array.from({ length: 5000 }, (_, i) =>
    finding({ ruleId: "map-race", file: "a.go", line: i + 1, message: "m".repeat(300) }),
  );
  const md = stepSummaryMarkdown(input, 64 * 1024);
  assert.ok(Buffer.byteLength(md) <= 64 * 1024);
  assert.match(md, /more findings are not listed/);
});

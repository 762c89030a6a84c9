/**
 * checkstyle, JUnit XML and GitLab Code Quality (issue 21, "additional
 * formats"): exact output for a small hand-built run, escaping included.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Finding } from "../src/report/finding.js";
import type { ReportInput } from "../src/report/report-input.js";
import { formatCheckstyle, formatGitlab, formatJunit, xmlEscape } from "../src/report/ci-formats.js";
import { OUTPUT_FORMATS } from "../src/report/index.js";

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: "map-race",
    severity: "error",
    message: 'Map m<"k"> & co is written here. [m is created here](1) earlier.',
    file: "cache/a.go",
    line: 12,
    column: 3,
    endLine: 12,
    endColumn: 9,
    related: [{ id: 1, message: "m is created here", file: "cache/a.go", line: 5, column: 2, endLine: 5, endColumn: 3 }],
    flows: [],
    fingerprint: "f00d",
    ...over,
  };
}

function input(findings: Finding[], extra: Partial<ReportInput> = {}): ReportInput {
  return { findings, notifications: [], rules: [], cwd: "/repo/svc", toolVersion: "0.0.0", executionSuccessful: true, ...extra };
}

const two = [finding({}), finding({ ruleId: "nil-map-write", severity: "note", file: "b.go", line: 3, column: 1, message: "Plain.", related: [] })];

test("the formats are offered by the CLI", () => {
  for (const f of ["checkstyle", "junit", "gitlab"]) assert.ok(OUTPUT_FORMATS.includes(f as never), f);
});

test("checkstyle: one <file> per file, escaped messages without link markup, note → info", () => {
  assert.equal(
    formatCheckstyle(input(two)),
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<checkstyle version="4.3">',
      '  <file name="cache/a.go">',
      '    <error line="12" column="3" severity="error" message="Map m&lt;&quot;k&quot;&gt; &amp; co is written here. m is created here earlier." source="go-hazard.map-race"/>',
      "  </file>",
      '  <file name="b.go">',
      '    <error line="3" column="1" severity="info" message="Plain." source="go-hazard.nil-map-write"/>',
      "  </file>",
      "</checkstyle>",
      "",
    ].join("\n"),
  );
  assert.equal(formatCheckstyle(input([])), '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n</checkstyle>\n');
});

test("JUnit: a failed case per finding with the related locations; one passing case when clean", () => {
  const xml = formatJunit(input(two));
  assert.match(xml, /<testsuites name="go-hazard" tests="2" failures="2" errors="0">/);
  assert.match(xml, /<testcase name="map-race cache\/a.go:12:3" classname="cache\/a.go" file="cache\/a.go" line="12">/);
  assert.match(xml, /<failure message="Map m&lt;&quot;k&quot;&gt; &amp; co is written here." type="map-race">cache\/a.go:12:3: error: Map m&lt;/);
  assert.match(xml, /\n  cache\/a.go:5:2: m is created here<\/failure>/);
  const clean = formatJunit(input([]));
  assert.match(clean, /tests="1" failures="0" errors="0"/);
  assert.match(clean, /<testcase name="go-hazard" classname="go-hazard"\/>/);
  assert.match(formatJunit(input([], { executionSuccessful: false })), /errors="1"/);
});

test("GitLab Code Quality: repository paths, unique fingerprints, severities", () => {
  const dup = [finding({}), finding({ line: 20 })];
  const issues = JSON.parse(formatGitlab(input(dup, { sarifRoot: { dir: "/repo", runRootPrefix: "svc" } }))) as {
    check_name: string;
    description: string;
    severity: string;
    fingerprint: string;
    location: { path: string; lines: { begin: number } };
    content?: { body: string };
  }[];
  assert.deepEqual(
    issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin]),
    [
      ["go-hazard/map-race", "critical", "svc/cache/a.go", 12],
      ["go-hazard/map-race", "critical", "svc/cache/a.go", 20],
    ],
  );
  assert.notEqual(issues[0]!.fingerprint, issues[1]!.fingerprint);
  assert.match(issues[0]!.fingerprint, /^[0-9a-f]{32}$/);
  assert.equal(issues[0]!.description, 'Map m<"k"> & co is written here.');
  assert.equal(issues[0]!.content!.body, "m is created here earlier.\ncache/a.go:5:2: m is created here");
  assert.equal(formatGitlab(input(dup)), formatGitlab(input(dup)), "deterministic");
  assert.equal((JSON.parse(formatGitlab(input(two))) as { severity: string }[])[1]!.severity, "minor");
});

test("XML escaping drops characters XML 1.0 forbids", () => {
  assert.equal(xmlEscape("a\u0001b<'"), "ab&lt;&apos;");
});

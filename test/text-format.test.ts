import { test } from "node:test";
import assert from "node:assert/strict";
import { formatText } from "../src/report/text.js";
import { formatJson } from "../src/report/json.js";
import { formatReport } from "../src/report/index.js";
import { finding, makeInput } from "./report-fixture.js";

const ANSI = /\u001b\[/;

test("text: no ANSI codes without color, some with", () => {
  const input = makeInput();
  assert.ok(!ANSI.test(formatText(input, { color: false })));
  assert.ok(ANSI.test(formatText(input, { color: true })));
});

test("text: header, code frame, related locations, notification, summary", () => {
  const input = makeInput();
  const out = formatText(input, { color: false });
  const lines = out.split("\n");
  assert.equal(lines[0], "go-hazard: warning: broken.go:3: broken.go: syntax error, analysed partially");
  const i = lines.indexOf(
    "cache.go:12:3: error: Map c.items is written in a goroutine while Get reads it without the lock. [map-race]",
  );
  assert.ok(i >= 0, out);
  assert.equal(lines[i + 1], "  12 | \t\tc.items[k] = v");
  assert.equal(lines[i + 2], "     | \t\t^~~~~~~~~~~~", "span of 12 columns (3..14)");
  assert.equal(lines[i + 3], "  cache.go:17:9: the concurrent read");
  assert.equal(lines[i + 4], "  cache.go:7:2: the map field");
  // CRLF file: frame without the CR.
  const j = lines.findIndex((l) => l.startsWith("sub dir/worker.go:4:11: warning:"));
  assert.equal(lines[j + 1], '  4 | \tm["k"] = buf[1:4]');
  assert.equal(lines[j + 2], "    | \t         ^~~~~~~~", "buf[1:4]: 8 columns");
  // Unreadable file: no frame, next line is the next finding or blank.
  const k = lines.findIndex((l) => l.startsWith("broken.go:3:1: warning:"));
  assert.ok(k >= 0);
  assert.ok(!lines[k + 1]!.includes("|"));
  assert.equal(lines[lines.length - 2], "3 findings (1 error, 2 warnings)");
  assert.ok(out.endsWith("\n"));
});

test("text: nothing for an empty run; flows on request", () => {
  const input = makeInput();
  assert.equal(formatText({ ...input, findings: [], notifications: [] }, { color: false }), "");
  const withFlows = formatText(input, { color: false, flows: true });
  assert.match(withFlows, /\n  goroutine started at cache.go:11:\n    cache.go:11:2: goroutine starts\n/);
});

test("text: control characters in messages are neutralised", () => {
  const input = makeInput();
  input.findings = [finding({ ruleId: "x", file: "nope.go", line: 1, message: "a\u001b[31mb" })];
  assert.ok(!ANSI.test(formatText(input, { color: false })));
});

test("json: parses and has the documented keys in order", () => {
  const input = makeInput();
  const doc = JSON.parse(formatJson(input));
  assert.deepEqual(Object.keys(doc), ["version", "tool", "findings", "notifications"]);
  assert.equal(doc.version, 1);
  assert.deepEqual(doc.tool, { name: "go-hazard", version: "0.1.0" });
  assert.deepEqual(Object.keys(doc.findings[0]), [
    "ruleId",
    "severity",
    "message",
    "file",
    "line",
    "column",
    "endLine",
    "endColumn",
    "function",
    "object",
    "fingerprint",
    "checklist",
    "cwe",
    "related",
    "flows",
  ]);
  assert.deepEqual(doc.findings[0].checklist, ["DP-1", "DP-3"]);
  assert.deepEqual(doc.findings[0].cwe, [362, 820]);
  assert.deepEqual(Object.keys(doc.findings[0].related[0]), ["id", "message", "file", "line", "column", "endLine", "endColumn"]);
  assert.deepEqual(Object.keys(doc.findings[0].flows[0]), ["thread", "steps"]);
  assert.deepEqual(Object.keys(doc.findings[0].flows[0].steps[0]), [
    "kind",
    "message",
    "file",
    "line",
    "column",
    "endLine",
    "endColumn",
  ]);
  // Optional keys are absent, not null.
  assert.ok(!("object" in doc.findings[1]));
  assert.deepEqual(doc.notifications[0], {
    level: "warning",
    kind: "parse-error",
    message: "broken.go: syntax error, analysed partially",
    file: "broken.go",
    line: 3,
  });
  assert.equal(formatJson(input), formatJson(input));
});

test("formatReport dispatches to every format", () => {
  const input = makeInput();
  assert.equal(formatReport("json", input), formatJson(input));
  assert.equal(JSON.parse(formatReport("sarif", input)).version, "2.1.0");
  assert.match(formatReport("github", input, { env: {} }), /^::error /);
  assert.ok(!ANSI.test(formatReport("text", input)));
});

test("the first sentence is the title on the location line; the rest wraps under the frame", async () => {
  const { splitFirstSentence, wrap } = await import("../src/report/text.js");
  assert.deepEqual(splitFirstSentence("Map c.items is written here. goroutine started at a.go:3 runs it."), [
    "Map c.items is written here.",
    "goroutine started at a.go:3 runs it.",
  ]);
  assert.deepEqual(splitFirstSentence("No second sentence, ttl.go:60 and c.m stay."), ["No second sentence, ttl.go:60 and c.m stay.", ""]);
  assert.deepEqual(wrap("aa bb cc dddddddddd e", 5), ["aa bb", "cc", "dddddddddd", "e"]);
});

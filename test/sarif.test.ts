import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { createRequire } from "node:module";
import { Validator, type Schema, type ValidationError } from "jsonschema";
import type * as Sarif from "sarif";
import { buildSarif, formatSarif, fileUri, SARIF_LIMITS } from "../src/report/sarif.js";
import { computeLineHashes } from "../src/report/line-hash.js";
import { CHECKLIST, CWE_NAMES } from "../src/report/checklist.js";
import type { ReportInput } from "../src/report/report-input.js";
import { PACKAGE_ROOT, ruleDocsDir, ruleHelpMarkdown, ruleHelpText, setRuleDocsDir } from "../src/report/rule-help.js";
import { CACHE_GO, finding, makeInput } from "./report-fixture.js";

const require = createRequire(import.meta.url);
const schemaPath = path.join(
  path.dirname(require.resolve("@microsoft/jest-sarif/package.json")),
  "lib/schemas/sarif-2.1.0-rtm.5.json",
);
const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8")) as Schema;

/**
 * Validate the way GitHub's upload-sarif does: jsonschema against the SARIF
 * 2.1.0 schema, where only URI-format complaints are tolerated.
 */
function schemaErrors(log: unknown): ValidationError[] {
  const result = new Validator().validate(log, schema);
  return result.errors.filter((e) => !(e.name === "format" && /^uri(-reference)?$/.test(String(e.argument))));
}

function parse(input: ReportInput): Sarif.Log {
  return JSON.parse(formatSarif(input)) as Sarif.Log;
}

const input = makeInput();
const log = parse(input);
const run = log.runs[0]!;
const rules = run.tool.driver.rules!;
const results = run.results!;

test("valid against the SARIF 2.1.0 schema", () => {
  assert.deepEqual(
    schemaErrors(log).map((e) => `${e.property}: ${e.message}`),
    [],
  );
});

test("the validator does catch errors (sanity)", () => {
  const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { level: string }[] }[] };
  broken.runs[0]!.results[0]!.level = "fatal";
  assert.ok(schemaErrors(broken).length > 0);
});

test("header, tool and run-level fields", () => {
  assert.equal(log.$schema, "https://json.schemastore.org/sarif-2.1.0.json");
  assert.equal(log.version, "2.1.0");
  assert.equal(log.runs.length, 1);
  const d = run.tool.driver;
  assert.equal(d.name, "go-hazard");
  assert.equal(d.semanticVersion, "0.1.0");
  assert.equal(d.informationUri, "https://github.com/go-hazard/go-hazard");
  assert.equal(run.columnKind, "utf16CodeUnits");
  assert.equal(run.automationDetails?.id, "go-hazard/");
  assert.equal(parse({ ...input, category: "backend" }).runs[0]!.automationDetails?.id, "backend/");
  assert.equal(parse({ ...input, category: "go/backend/" }).runs[0]!.automationDetails?.id, "go/backend/");
  const root = run.originalUriBaseIds!["%SRCROOT%"]!.uri!;
  assert.match(root, /^file:\/\/.*\/$/);
  assert.equal(run.invocations![0]!.executionSuccessful, true);
  assert.equal(run.invocations![0]!.commandLine, "go-hazard lint ./... --format sarif");
  assert.equal(run.invocations![0]!.startTimeUtc, undefined, "no timestamps unless given");
  assert.deepEqual(
    d.supportedTaxonomies!.map((t) => t.name),
    ["go-hazard-checklist", "CWE"],
  );
});

test("every rule has what GitHub needs", () => {
  const ids = rules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, "unique rule ids");
  assert.deepEqual(ids, ["buffer-alias", "map-race", "parse-error"]);
  for (const r of rules) {
    assert.ok(r.shortDescription?.text, `${r.id} shortDescription`);
    assert.ok(r.fullDescription?.text, `${r.id} fullDescription`);
    assert.ok(r.shortDescription.text.length <= 1024 && r.fullDescription.text.length <= 1024);
    assert.ok(r.help?.text, `${r.id} help.text`);
    assert.ok(r.help.markdown?.includes(r.helpUri!), `${r.id} help.markdown links to the docs page`);
    const tags = r.properties!.tags!;
    assert.ok(tags.length <= 20, `${r.id} has at most 20 tags`);
    assert.ok(["error", "warning", "note"].includes(r.defaultConfiguration!.level!));
    assert.ok(["very-high", "high", "medium", "low"].includes(r.properties!.precision as string));
    assert.ok(["error", "warning", "recommendation"].includes(r.properties!["problem.severity"] as string));
    const sev = r.properties!["security-severity"] as string | undefined;
    if (sev !== undefined) {
      assert.match(sev, /^\d+(\.\d)?$/);
      assert.ok(Number(sev) >= 0.1 && Number(sev) <= 10);
    }
  }
  const mapRace = rules.find((r) => r.id === "map-race")!;
  assert.deepEqual(mapRace.properties!.tags, [
    "concurrency",
    "security",
    "external/cwe/cwe-362",
    "external/cwe/cwe-820",
    "checklist/DP-1",
    "checklist/DP-3",
  ]);
  assert.equal(mapRace.properties!["security-severity"], "8.1");
  assert.equal(mapRace.properties!["problem.severity"], "error");
  assert.match(mapRace.fullDescription!.text, /DP-1 /);
  assert.deepEqual(
    mapRace.relationships!.map((rel) => `${rel.target.toolComponent!.name}:${rel.target.id}`),
    ["go-hazard-checklist:DP-1", "go-hazard-checklist:DP-3", "CWE:362", "CWE:820"],
  );
  const alias = rules.find((r) => r.id === "buffer-alias")!;
  assert.ok(!alias.properties!.tags!.includes("security"));
  assert.equal(alias.properties!["security-severity"], undefined);
});

test("taxonomies: the checklist and CWE", () => {
  const [checklist, cwe] = run.taxonomies!;
  assert.equal(checklist!.name, "go-hazard-checklist");
  assert.deepEqual(
    checklist!.taxa!.map((t) => t.id),
    CHECKLIST.map((c) => c.id),
  );
  for (const t of checklist!.taxa!) assert.ok(t.shortDescription?.text && t.fullDescription?.text);
  assert.equal(cwe!.name, "CWE");
  assert.equal(cwe!.organization, "MITRE");
  assert.equal(cwe!.guid, "FFC64C90-42B6-44CE-8BEB-F6B7DAE649E5");
  assert.deepEqual(
    cwe!.taxa!.map((t) => Number(t.id)),
    Object.keys(CWE_NAMES).map(Number).sort((a, b) => a - b),
  );
  // Every taxon reference points at the right taxon.
  for (const r of [...rules.flatMap((x) => x.relationships!.map((rel) => rel.target)), ...results.flatMap((x) => x.taxa ?? [])]) {
    const tax = run.taxonomies![r.toolComponent!.index!]!;
    assert.equal(tax.name, r.toolComponent!.name);
    assert.equal(tax.taxa![r.index!]!.id, r.id);
  }
});

test("results: rule index, locations, fingerprints", () => {
  assert.equal(results.length, 3);
  for (const r of results) {
    assert.equal(rules[r.ruleIndex!]!.id, r.ruleId, "ruleIndex points to the rule");
    const locs = [
      ...r.locations!,
      ...(r.relatedLocations ?? []),
      ...(r.codeFlows ?? []).flatMap((c) => c.threadFlows.flatMap((t) => t.locations!.map((l) => l.location!))),
    ];
    for (const l of locs) {
      const p = l.physicalLocation!;
      assert.equal(p.artifactLocation!.uriBaseId, "%SRCROOT%");
      assert.ok(!/^[a-z]+:|^\//i.test(p.artifactLocation!.uri!), "relative uri");
      assert.equal(run.artifacts![p.artifactLocation!.index!]!.location!.uri, p.artifactLocation!.uri);
      const reg = p.region!;
      assert.ok(reg.startLine! >= 1 && reg.startColumn! >= 1 && reg.endColumn! >= 1);
      assert.ok(reg.endLine! >= reg.startLine!);
    }
  }
  const [race, alias, parseErr] = results;
  assert.equal(race!.level, "error");
  assert.match(race!.message.text!, /\[Get reads it\]\(1\)/);
  assert.match(race!.message.text!, /\[the map field\]\(2\)/, "unlinked related locations get a link");
  assert.deepEqual(
    race!.relatedLocations!.map((l) => l.id),
    [1, 2],
  );
  assert.equal(race!.codeFlows!.length, 1);
  assert.equal(race!.codeFlows![0]!.threadFlows.length, 2);
  assert.equal(race!.partialFingerprints!.primaryLocationLineHash, computeLineHashes(CACHE_GO)[11]);
  assert.equal(race!.partialFingerprints!["goHazardFingerprint/v1"], "map-race|(*Cache).Put|c.items|write");
  assert.deepEqual(race!.properties, { function: "(*Cache).Put", object: "c.items" });
  assert.deepEqual(
    race!.taxa!.map((t) => t.id),
    ["DP-1", "DP-3", "362", "820"],
  );
  assert.equal(alias!.locations![0]!.physicalLocation!.artifactLocation!.uri, "sub%20dir/worker.go");
  assert.ok(alias!.partialFingerprints!.primaryLocationLineHash, "CRLF file hashed");
  assert.equal(alias!.codeFlows, undefined);
  // Unreadable file: no line hash, but our own fingerprint; clamped columns.
  assert.equal(parseErr!.partialFingerprints!.primaryLocationLineHash, undefined);
  assert.equal(parseErr!.partialFingerprints!["goHazardFingerprint/v1"], "parse-error|broken.go");
  assert.equal(parseErr!.locations![0]!.physicalLocation!.region!.startColumn, 1);
  assert.equal(parseErr!.locations![0]!.physicalLocation!.region!.endColumn, 1);
});

test("artifacts and notifications", () => {
  assert.deepEqual(
    run.artifacts!.map((a) => a.location!.uri),
    ["broken.go", "cache.go", "sub%20dir/worker.go"],
  );
  const n = run.invocations![0]!.toolExecutionNotifications!;
  assert.equal(n.length, 1);
  assert.equal(n[0]!.descriptor!.id, "parse-error");
  assert.equal(n[0]!.level, "warning");
  assert.equal(n[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, "broken.go");
});

test("file paths become relative, percent-encoded URIs", () => {
  assert.deepEqual(fileUri("a/b.go"), { uri: "a/b.go", uriBaseId: "%SRCROOT%" });
  assert.deepEqual(fileUri("./a b/c#d%.go"), { uri: "a%20b/c%23d%25.go", uriBaseId: "%SRCROOT%" });
  assert.deepEqual(fileUri("a\\b.go"), { uri: "a/b.go", uriBaseId: "%SRCROOT%" });
});

test("deterministic: identical input gives identical bytes", () => {
  assert.equal(formatSarif(input), formatSarif(input));
  assert.equal(formatSarif(makeInput()).replace(/go-hazard-report-[^/"]+/g, "X"), formatSarif(input).replace(/go-hazard-report-[^/"]+/g, "X"));
});

test("timestamps are used when given", () => {
  const r = parse({ ...input, startTime: "2026-01-02T03:04:05.000Z", endTime: "2026-01-02T03:04:06.000Z" });
  assert.equal(r.runs[0]!.invocations![0]!.startTimeUtc, "2026-01-02T03:04:05.000Z");
  assert.equal(r.runs[0]!.invocations![0]!.endTimeUtc, "2026-01-02T03:04:06.000Z");
});

test("unknown rule ids still get a rule entry", () => {
  const r = parse({ ...input, findings: [finding({ ruleId: "mystery", file: "cache.go", line: 1 })] });
  const res = r.runs[0]!.results![0]!;
  assert.equal(r.runs[0]!.tool.driver.rules![res.ruleIndex!]!.id, "mystery");
  assert.deepEqual(schemaErrors(r), []);
});

test("at most 25,000 results, with a notification", () => {
  const many = Array.from({ length: SARIF_LIMITS.resultsPerRun + 10 }, (_, i) =>
    finding({ ruleId: "map-race", severity: "error", file: `pkg${i % 7}/f.go`, line: i + 1 }),
  );
  const r = parse({ ...input, findings: many });
  const res = r.runs[0]!.results!;
  assert.equal(res.length, 25_000);
  assert.equal(res[24_999]!.locations![0]!.physicalLocation!.region!.startLine, 25_000);
  const n = r.runs[0]!.invocations![0]!.toolExecutionNotifications!.find((x) => x.descriptor?.id === "results-truncated");
  assert.ok(n, "results-truncated notification");
  assert.match(n.message.text!, /\b10\b/);
});

test("over the gzipped size limit: code flows go first, then results", () => {
  const big = { ...input, findings: [...input.findings, ...input.findings, ...input.findings] };
  const gz = (l: Sarif.Log): number => zlib.gzipSync(JSON.stringify(l, null, 2) + "\n").length;
  const fullSize = gz(buildSarif(big));
  // One byte too many: dropping the code flows is enough.
  const noFlows = buildSarif(big, { maxGzippedBytes: fullSize - 1 });
  const kinds = noFlows.runs[0]!.invocations![0]!.toolExecutionNotifications!.map((n) => n.descriptor!.id);
  assert.ok(kinds.includes("code-flows-dropped"));
  assert.ok(!kinds.includes("results-truncated"));
  assert.equal(noFlows.runs[0]!.results!.length, big.findings.length);
  assert.ok(noFlows.runs[0]!.results!.every((r) => r.codeFlows === undefined));
  assert.ok(gz(noFlows) <= fullSize - 1);
  // A tiny limit: results dropped from the end.
  const tiny = buildSarif(big, { maxGzippedBytes: 1 });
  const k2 = tiny.runs[0]!.invocations![0]!.toolExecutionNotifications!.map((n) => n.descriptor!.id);
  assert.ok(k2.includes("results-truncated"));
  assert.ok(tiny.runs[0]!.results!.length < big.findings.length);
  assert.deepEqual(schemaErrors(tiny), []);
});

test("rule help comes from docs/rules/<id>.md when present", () => {
  assert.equal(JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")).name, "go-hazard");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "go-hazard-docs-"));
  fs.writeFileSync(
    path.join(dir, "map-race.md"),
    [
      "---",
      "title: map-race",
      "---",
      "# map-race",
      "",
      "A **map** shared by goroutines, see [DP-1](../checklist.md#dp-1) and `m[k](x)`.",
      "",
      "```go",
      "fns[i](x) // [not](a-link)",
      "```",
      "",
      "| Good | Bad |",
      "| --- | --- |",
      "| `mu.Lock()` | nothing |",
    ].join("\n"),
  );
  const previous = ruleDocsDir();
  setRuleDocsDir(dir);
  try {
    const r = parse(input).runs[0]!.tool.driver.rules!.find((x) => x.id === "map-race")!;
    const md = r.help!.markdown!;
    assert.ok(md.startsWith("# map-race\n"), "front matter removed");
    assert.match(md, /\[DP-1\]\(https:\/\/github\.com\/go-hazard\/go-hazard\/blob\/main\/docs\/checklist\.md#dp-1\)/);
    assert.match(md, /fns\[i\]\(x\) \/\/ \[not\]\(a-link\)/, "code blocks untouched");
    assert.ok(md.includes(r.helpUri!), "link to the rule page");
    const text = r.help!.text!;
    assert.ok(!/[*#`]/.test(text.replace(/\[not\]\(a-link\)/, "").replace(/https:\/\/\S+/g, "")), text);
    assert.match(text, /^map-race\n\nA map shared by goroutines, see DP-1 \(https:\/\/[^)]+\) and m\[k\]\(x\)\./);
    assert.match(text, /\n    fns\[i\]\(x\)/);
    assert.match(text, /mu\.Lock\(\) {2}\| {2}nothing/);
  } finally {
    setRuleDocsDir(previous);
  }
  const fallback = parse(input).runs[0]!.tool.driver.rules!.find((x) => x.id === "buffer-alias")!;
  assert.ok(fallback.help!.text!.startsWith(fallback.shortDescription!.text));
});

test("ruleHelpText strips markdown", () => {
  assert.equal(
    ruleHelpText("## Why\n\n* one _two_ **three**\n> quote with [link](https://x.y/z)\n\n---\n\n<b>html</b> \\*star\\*"),
    "Why\n\n- one two three\nquote with link (https://x.y/z)\n\nhtml *star*",
  );
  assert.equal(ruleHelpMarkdown("../../etc/passwd"), undefined);
});

/**
 * Rule fixtures: for each registered rule, `testdata/<rule>/` is analysed with
 * only that rule (and parse-error) on, and every finding must match a
 * `// want` on its line and every `// want` must be matched (test/harness/want.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { rules } from "../rules/index.js";
import { runLint, type RuleSetting } from "../src/engine/index.js";
import { DEFAULT_ANALYSIS_OPTIONS } from "../src/analysis/framework.js";
import { CORES, heldTo } from "./harness/cores.js";
import type { Finding } from "../src/report/finding.js";
import { checkWants, collectWants, formatWantProblems, parseWants, parseWantItems } from "./harness/want.js";
import { standardRules } from "./helpers/rule-set.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const testdata = path.join(repoRoot, "testdata");

function onlyRule(id: string): Record<string, RuleSetting> {
  const settings: Record<string, RuleSetting> = {};
  for (const other of Object.keys(rules)) settings[other] = "off";
  settings[id] = rules[id]!.meta.docs.defaultSeverity;
  settings["parse-error"] = "warning";
  return settings;
}

for (const id of Object.keys(rules).sort()) {
  for (const core of CORES) {
    test(`fixtures: ${id} (${core})`, async () => {
      const dir = path.join(testdata, id);
      assert.ok(fs.existsSync(dir), `rule ${id} has no fixtures: create testdata/${id}/ with racy and clean_* packages`);
      const result = await runLint({ ruleSet: standardRules, cwd: dir, patterns: ["./..."], jobs: 1, tests: true, rules: onlyRule(id), analysis: { ...DEFAULT_ANALYSIS_OPTIONS, core } });
      const loadErrors = result.loadProblems.filter((p) => p.level === "error");
      assert.deepEqual(loadErrors, [], "fixtures must load");
      const internal = result.notifications.filter((n) => n.kind === "internal-error");
      assert.deepEqual(internal, [], "no internal errors");
      const { wants, problems: parseProblems } = collectWants(dir);
      assert.ok(wants.length > 0, `testdata/${id} has no // want: add at least one racy fixture`);
      const held = heldTo(dir, core);
      const checked = (file: string) => held(path.posix.dirname(file));
      const problems = [...parseProblems, ...checkWants(result.findings.filter((f) => checked(f.file)), wants.filter((w) => checked(w.file)))];
      if (problems.length > 0) {
        assert.fail(`testdata/${id} (${core}): ${problems.length} mismatch(es)\n${formatWantProblems(problems)}`);
      }
    });
  }
}

// ---- the harness itself -------------------------------------------------------------

function finding(file: string, line: number, ruleId: string, message: string): Finding {
  return { ruleId, severity: "error", message, file, line, column: 1, endLine: line, endColumn: 2, related: [], flows: [], fingerprint: "0" };
}

test("want harness: items, comments only, and both kinds of mismatch", () => {
  assert.deepEqual(
    (parseWantItems(` map-race "written \\"here\\"" slice-race`) as { text: string }[]).map((i) => i.text),
    ["map-race", `"written \\"here\\""`, "slice-race"],
  );
  assert.equal(typeof parseWantItems(` "(unclosed"`), "string");

  const src = [
    "package p", //                                        1
    "", //                                                  2
    "func f(m map[int]int) {", //                           3
    "\tm[1] = 1 // want map-race", //                       4
    '\tm[2] = 2 // want "written here" map-race', //        5
    '\tt.Fatalf("got %d, want 3", 1)', //                   6  (a string, not a want)
    "\tm[3] = 3 // the third write // want map-race", //      7
    "\t// we want nothing here", //                          8
    "}", //                                                 9
  ].join("\n");
  const { wants, problems } = parseWants("a/x.go", src);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    wants.map((w) => [w.line, w.items.length]),
    [
      [4, 1],
      [5, 2],
      [7, 1],
    ],
  );

  // All matched.
  const ok = [
    finding("a/x.go", 4, "map-race", "m is written here"),
    finding("a/x.go", 5, "map-race", "m is written here"),
    finding("a/x.go", 5, "map-race", "m is read there"),
    finding("a/x.go", 7, "map-race", "m is written here"),
  ];
  assert.deepEqual(checkWants(ok, wants), []);

  // A want nobody matched, and a finding nobody wanted.
  const bad = [finding("a/x.go", 4, "map-race", "m is written here"), finding("a/x.go", 6, "map-race", "surprise")];
  const got = checkWants(bad, wants);
  assert.ok(got.some((p) => p.line === 5 && /missing finding: want "written here"/.test(p.message)), formatWantProblems(got));
  assert.ok(got.some((p) => p.line === 5 && /missing finding: want map-race/.test(p.message)), formatWantProblems(got));
  assert.ok(got.some((p) => p.line === 6 && /unexpected finding: \[map-race\] surprise/.test(p.message)), formatWantProblems(got));

  // Wrong rule on a wanted line is both unexpected and missing.
  const wrong = checkWants([finding("a/x.go", 4, "slice-race", "s")], [{ file: "a/x.go", line: 4, items: [{ kind: "rule", rule: "map-race", text: "map-race" }] }]);
  assert.equal(wrong.length, 2);

  // A finding in a clean_* package is always a failure.
  const clean = checkWants([finding("clean_mutex/a.go", 3, "map-race", "x")], []);
  assert.match(formatWantProblems(clean), /clean_mutex\/a\.go:3: unexpected finding in a clean_\* fixture/);
});

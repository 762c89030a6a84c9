/**
 * Inline directives: parsing (eslint-disable*, //nolint, //lint:ignore) and
 * their effect on real findings through the engine.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { parseGo } from "../src/parse/parser.js";
import { collectDirectives, parseGoDirective } from "../src/eslint/directives.js";
import { runLint } from "../src/engine/index.js";
import { standardRules } from "./helpers/rule-set.js";
import { cleanupTemp, tempTree } from "./helpers/cli.js";

const known = new Set(["map-race", "slice-race"]);

after(cleanupTemp);

function tempModule(files: Record<string, string>): string {
  return tempTree({ "go.mod": "module example.com/d\n\ngo 1.22\n", ...files });
}

test("parseGoDirective: nolint forms", () => {
  assert.deepEqual(parseGoDirective("nolint", known), { kind: "nolint", rules: [], all: true, justification: "" });
  assert.deepEqual(parseGoDirective(" nolint // why not", known), { kind: "nolint", rules: [], all: true, justification: "why not" });
  assert.deepEqual(parseGoDirective("nolint:go-hazard", known)?.rules, ["go-hazard/map-race", "go-hazard/slice-race"]);
  assert.deepEqual(parseGoDirective("nolint:all", known)?.rules, ["go-hazard/map-race", "go-hazard/slice-race"]);
  assert.deepEqual(parseGoDirective("nolint:go-hazard/map-race", known)?.rules, ["go-hazard/map-race"]);
  assert.deepEqual(parseGoDirective("nolint:errcheck,go-hazard/slice-race // reason", known), {
    kind: "nolint",
    rules: ["go-hazard/slice-race"],
    all: false,
    justification: "reason",
  });
  assert.deepEqual(parseGoDirective("nolint:go-hazard/map-race, go-hazard/slice-race", known)?.rules, [
    "go-hazard/map-race",
    "go-hazard/slice-race",
  ]);
  // Other linters only: not ours.
  assert.equal(parseGoDirective("nolint:errcheck", known), null);
  assert.equal(parseGoDirective("nolint:errcheck,gosec", known), null);
  // Unknown go-hazard rule: ours, but suppresses nothing.
  assert.deepEqual(parseGoDirective("nolint:go-hazard/no-such-rule", known)?.rules, []);
  // Not directives.
  assert.equal(parseGoDirective("nolintx", known), null);
  assert.equal(parseGoDirective(" this is nolint", known), null);
});

test("parseGoDirective: staticcheck lint:ignore / lint:file-ignore", () => {
  assert.deepEqual(parseGoDirective("lint:ignore go-hazard/map-race the map is confined", known), {
    kind: "lint:ignore",
    rules: ["go-hazard/map-race"],
    all: false,
    justification: "the map is confined",
  });
  assert.deepEqual(parseGoDirective("lint:ignore SA1000,go-hazard reason", known)?.rules, ["go-hazard/map-race", "go-hazard/slice-race"]);
  assert.equal(parseGoDirective("lint:ignore SA1000 reason", known), null);
  assert.equal(parseGoDirective("lint:file-ignore go-hazard/slice-race generated", known)?.kind, "lint:file-ignore");
});

test("collectDirectives: kinds and positions", () => {
  const src = [
    "package p", //                                                  1
    "", //                                                            2
    "func f() {", //                                                  3
    "\tx := 1 //nolint:go-hazard/map-race", //                        4  trailing → disable-line
    "\t//nolint:go-hazard", //                                        5  own line, one-line target → next line
    "\tx = 2", //                                                     6
    "\t//nolint", //                                                  7  own line, multi-line target → disable/enable
    "\tgo func() {", //                                               8
    "\t\tx = 3", //                                                   9
    "\t}()", //                                                       10
    "\t// eslint-disable-next-line go-hazard/map-race -- reason", //  11
    "\tx = 4", //                                                     12
    "\tx = 5 // eslint-disable-line", //                              13
    "\t/* eslint-disable go-hazard/slice-race */", //                 14
    "\t/* eslint-enable go-hazard/slice-race */", //                  15
    "\t//lint:ignore go-hazard/slice-race checked by hand", //        16
    "\t_ = x //nolint:errcheck", //                                   17 not ours
    "}", //                                                           18
    "/* eslint go-hazard/map-race: \"off\" */", //                    19
  ].join("\n");
  const parsed = parseGo(src);
  const d = collectDirectives(parsed.comments, parsed.root, src, { knownRules: known });
  const summary = d.directives.map((x) => [x.type, (x.node as { loc: { start: { line: number } } }).loc.start.line, x.value]);
  assert.deepEqual(summary, [
    ["disable-line", 4, "go-hazard/map-race"],
    ["disable-next-line", 5, "go-hazard/map-race,go-hazard/slice-race"],
    ["disable", 7, ""],
    ["enable", 10, ""],
    ["disable-next-line", 11, "go-hazard/map-race"],
    ["disable-line", 13, ""],
    ["disable", 14, "go-hazard/slice-race"],
    ["enable", 15, "go-hazard/slice-race"],
    ["disable-next-line", 16, "go-hazard/slice-race"],
  ]);
  assert.equal(d.directives[4]!.justification, "reason");
  assert.equal(d.directives[8]!.justification, "checked by hand");
  assert.deepEqual(d.problems, []);
  assert.equal(d.configComments.length, 1);
  // Comments carrying directives, not the //nolint:errcheck one.
  assert.equal(d.inlineConfigNodes.length, 9);
});

test("collectDirectives: eslint-disable-line across lines is a problem", () => {
  const src = "package p\n\nvar x = 1 /* eslint-disable-line\n*/\n";
  const parsed = parseGo(src);
  const d = collectDirectives(parsed.comments, parsed.root, src, { knownRules: known });
  assert.equal(d.directives.length, 0);
  assert.equal(d.problems.length, 1);
  assert.match(d.problems[0]!.message, /should not span multiple lines/);
});

/** A racy function: goroutines started in a loop write one map. `body` is the goroutine's write line. */
function racy(name: string, opts: { before?: string; write?: string; beforeGo?: string } = {}): string {
  return [
    `func ${name}() map[int]int {`,
    "\tm := map[int]int{}",
    "\tvar wg sync.WaitGroup",
    "\tfor i := 0; i < 4; i++ {",
    "\t\twg.Add(1)",
    ...(opts.beforeGo ? [`\t\t${opts.beforeGo}`] : []),
    "\t\tgo func() {",
    "\t\t\tdefer wg.Done()",
    ...(opts.before ? [`\t\t\t${opts.before}`] : []),
    `\t\t\tm[i] = i${opts.write ? " " + opts.write : ""}`,
    "\t\t}()",
    "\t}",
    "\twg.Wait()",
    "\treturn m",
    "}",
    "",
  ].join("\n");
}

test("directives suppress real findings through the engine", async () => {
  const functions: Record<string, { suppressed: boolean; src: string }> = {
    Base: { suppressed: false, src: racy("Base") },
    Trailing: { suppressed: true, src: racy("Trailing", { write: "//nolint:go-hazard // counted by design" }) },
    TrailingRule: { suppressed: true, src: racy("TrailingRule", { write: "//nolint:go-hazard/map-race" }) },
    Bare: { suppressed: true, src: racy("Bare", { write: "//nolint" }) },
    OwnLine: { suppressed: true, src: racy("OwnLine", { before: "//nolint:go-hazard" }) },
    WholeGoStatement: { suppressed: true, src: racy("WholeGoStatement", { beforeGo: "//nolint:go-hazard/map-race" }) },
    OtherLinter: { suppressed: false, src: racy("OtherLinter", { write: "//nolint:errcheck" }) },
    OtherRule: { suppressed: false, src: racy("OtherRule", { write: "//nolint:go-hazard/slice-race" }) },
    UnknownRule: { suppressed: false, src: racy("UnknownRule", { write: "//nolint:go-hazard/no-such-rule" }) },
    EslintNextLine: { suppressed: true, src: racy("EslintNextLine", { before: "// eslint-disable-next-line go-hazard/map-race -- fine" }) },
    EslintLine: { suppressed: true, src: racy("EslintLine", { write: "// eslint-disable-line go-hazard/map-race" }) },
    LintIgnore: { suppressed: true, src: racy("LintIgnore", { before: "//lint:ignore go-hazard/map-race confined" }) },
    EslintUnknown: { suppressed: false, src: racy("EslintUnknown", { write: "// eslint-disable-line go-hazard/no-such-rule" }) },
  };
  const text = `package d\n\nimport "sync"\n\n${Object.values(functions)
    .map((f) => f.src)
    .join("\n")}`;
  const blockText = `package d\n\nimport "sync"\n\n/* eslint-disable go-hazard/map-race */\n${racy("Block")}/* eslint-enable go-hazard/map-race */\n${racy("AfterBlock")}`;
  const fileIgnore = `//lint:file-ignore go-hazard/map-race generated by hand\n\npackage d\n\nimport "sync"\n\n${racy("FileIgnored")}`;
  const inlineOff = `package d\n\nimport "sync"\n\n/* eslint go-hazard/map-race: "off" */\n${racy("InlineOff")}`;
  const root = tempModule({ "d.go": text, "e.go": blockText, "f.go": fileIgnore, "g.go": inlineOff });

  const result = await runLint({ ruleSet: standardRules, cwd: root, jobs: 1 });
  assert.deepEqual(
    result.notifications.filter((n) => n.kind === "internal-error"),
    [],
  );
  const reportedIn = new Set(result.findings.filter((f) => f.ruleId === "map-race").map((f) => f.function));
  assert.ok(reportedIn.has("Base"), "baseline race must be reported (is map-race working?)");
  for (const [name, f] of Object.entries(functions)) {
    assert.equal(reportedIn.has(name), !f.suppressed, `${name}: ${f.suppressed ? "should be suppressed" : "should be reported"}`);
  }
  assert.ok(!reportedIn.has("Block"), "inside eslint-disable block");
  assert.ok(reportedIn.has("AfterBlock"), "after eslint-enable");
  assert.ok(!reportedIn.has("FileIgnored"), "lint:file-ignore");
  assert.ok(!reportedIn.has("InlineOff"), "inline config turns the rule off in that file");

  // An eslint-disable naming an unknown rule is reported as a directive problem, not a crash.
  const directiveNotes = result.notifications.filter((n) => n.kind === "directive");
  assert.equal(directiveNotes.length, 1, JSON.stringify(result.notifications));
  assert.match(directiveNotes[0]!.message, /no-such-rule/);
  assert.equal(directiveNotes[0]!.file, "d.go");
});

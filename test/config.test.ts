/**
 * The configuration file: discovery, keys, validation against the shipped
 * schema, CLI precedence, `go-hazard rules` with the config applied; and the
 * glob matcher and schema validator behind it.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Validator, type Schema } from "jsonschema";
import { cli, cleanupTemp, clean, GO_MOD, json, racy, repoRoot, tempTree } from "./helpers/cli.js";
import { compileGlob, pathFilter } from "../src/config/glob.js";
import { SchemaValidator, type JsonSchema } from "../src/config/validate.js";
import { SCHEMA_PATH, configSchema } from "../src/config/index.js";
import { knownRuleIds } from "../src/engine/config.js";
import { standardRules } from "./helpers/rule-set.js";

after(cleanupTemp);

// ---- glob ------------------------------------------------------------------------------

test("glob: *, **, ?, classes, braces, bare names at any depth, directories match what is below", () => {
  const yes = (g: string, p: string): void => assert.ok(compileGlob(g).matches(p), `${g} should match ${p}`);
  const no = (g: string, p: string): void => assert.ok(!compileGlob(g).matches(p), `${g} should not match ${p}`);
  yes("*.go", "a.go");
  yes("*.go", "x/y/a.go"); // no slash: any depth
  no("/*.go", "x/a.go"); // anchored
  yes("/*.go", "a.go");
  yes("internal/**", "internal/a/b.go");
  yes("internal/legacy", "internal/legacy/x.go"); // a directory
  no("internal/legacy", "internal/legacy2/x.go");
  yes("**/*_gen.go", "a/b/c_gen.go");
  yes("**/*_gen.go", "c_gen.go");
  yes("a/**/b.go", "a/b.go");
  yes("a/**/b.go", "a/x/y/b.go");
  no("a/*/b.go", "a/x/y/b.go");
  yes("file?.go", "file1.go");
  no("file?.go", "file10.go");
  yes("[ab].go", "a.go");
  no("[!ab].go", "a.go");
  yes("[!ab].go", "c.go");
  yes("{cmd,tools}/**", "tools/x/y.go");
  no("{cmd,tools}/**", "pkg/x.go");
  yes("testdata", "pkg/testdata/x.go");
  yes("./cmd", "cmd/main.go");
  no("./cmd", "x/cmd/main.go");
  yes("a\\*b.go", "a*b.go");
  no("a\\*b.go", "axb.go");
  assert.throws(() => compileGlob("[abc"));
  assert.throws(() => compileGlob("{a,b"));
  const f = pathFilter(["internal/**", "cmd/**"], ["**/*_gen.go"]);
  assert.equal(f("internal/x.go"), true);
  assert.equal(f("internal/x_gen.go"), false);
  assert.equal(f("pkg/x.go"), false);
  assert.equal(pathFilter(undefined, ["vendor"])("a/b.go"), true);
});

// ---- schema ----------------------------------------------------------------------------

const schema = configSchema();

test("schema: draft-07, shipped in the package, and the hand validator agrees with jsonschema", () => {
  assert.equal(schema.$schema, "http://json-schema.org/draft-07/schema#");
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { files: string[] };
  assert.ok(pkg.files.includes("schema/"), "package.json files ships schema/");
  assert.ok(SCHEMA_PATH.endsWith(path.join("schema", "go-hazard.schema.json")));
  const mine = new SchemaValidator(schema);
  const theirs = new Validator();
  const cases: unknown[] = [
    {},
    { $schema: "./node_modules/go-hazard/schema/go-hazard.schema.json" },
    { rules: { "map-race": "warning", "go-hazard/slice-race": "off" } },
    { rules: { "map-race": ["error"] } },
    { rules: { "map-race": ["error", { a: 1 }] } },
    { rules: { "map-race": "loud" } },
    { rules: { "map-race": [] } },
    { rules: { "map-race": ["loud"] } },
    { rules: { "map-race": 2 } },
    { rules: { Map_Race: "off" } },
    { rules: [] },
    { include: ["a/**"], exclude: ["b"] },
    { include: "a/**" },
    { include: [""] },
    { tests: false, generated: true, vendor: true },
    { tests: "no" },
    { goVersion: "1.21" },
    { goVersion: "go1.22.3" },
    { goVersion: "1.x" },
    { goVersion: 1.21 },
    { jobs: 4 },
    { jobs: 0 },
    { jobs: 1.5 },
    { unknown: true },
    [],
    "x",
  ];
  for (const c of cases) {
    const a = mine.validate(c) === null;
    const b = theirs.validate(c, schema as unknown as Schema).valid;
    assert.equal(a, b, `${JSON.stringify(c)}: hand validator says ${a}, jsonschema says ${b}`);
  }
});

test("schema validator messages name the key", () => {
  const v = new SchemaValidator(schema as JsonSchema);
  assert.deepEqual(v.validate({ rules: { "map-race": "loud" } }), {
    path: "rules.map-race",
    message: 'must be one of "off", "note", "warning", "error" (got "loud")',
  });
  assert.match(v.validate({ exclud: [] })!.message, /unknown key "exclud" \(did you mean "exclude"\?\)/);
  assert.equal(v.validate({ include: ["a", 3] })!.path, "include[1]");
  assert.equal(v.validate({ rules: { "map-race": ["loud"] } })!.path, "rules.map-race[0]");
});

// ---- the config file end to end ------------------------------------------------------------

test("discovery: .go-hazard.yaml found by walking up from the run root; --no-config ignores it; --config names one", () => {
  const root = tempTree({
    "go.mod": GO_MOD,
    "pkg/a/index.go": racy("a"),
    ".go-hazard.yaml": "# comment\nrules:\n  map-race: note\n",
    "other.json": JSON.stringify({ rules: { "map-race": "off" } }),
  });
  const sub = path.join(root, "pkg", "a");
  const r = cli(["lint", "-f", "json"], { cwd: sub });
  assert.equal(r.code, 1, r.stderr);
  const races = json(r).findings.filter((f) => f.ruleId === "map-race");
  assert.ok(races.length > 0 && races.every((f) => f.severity === "note"), r.stdout);
  const none = cli(["lint", "-f", "json", "--no-config"], { cwd: sub });
  assert.ok(json(none).findings.some((f) => f.ruleId === "map-race" && f.severity === "error"));
  const other = cli(["lint", "-f", "json", "--config", path.join(root, "other.json")], { cwd: sub });
  assert.ok(!json(other).findings.some((f) => f.ruleId === "map-race"), other.stdout);
  // -C: the search starts at the run root, not the shell's directory.
  const viaC = cli(["lint", "-f", "json", "-C", sub], { cwd: path.dirname(root) });
  assert.ok(json(viaC).findings.some((f) => f.ruleId === "map-race" && f.severity === "note"));
});

test("keys: rules, include/exclude, tests, generated, vendor, goVersion, jobs; --rule and flags override the file", () => {
  const gen = "// Code generated by x. DO NOT EDIT.\n\n" + racy("app", "Gen");
  const root = tempTree({
    "go.mod": GO_MOD,
    "index.go": racy("app", "Index"),
    "index_test.go": racy("app", "indexForTest"),
    "zz_gen.go": gen,
    "legacy/old.go": racy("legacy"),
    "vendor/v/v.go": racy("v"),
    ".go-hazard.json": JSON.stringify({
      $schema: "./node_modules/go-hazard/schema/go-hazard.schema.json",
      rules: { "map-race": "warning" },
      exclude: ["legacy"],
      tests: false,
      generated: true,
      vendor: true,
      jobs: 1,
    }),
  });
  const r = cli(["lint", "-f", "json"], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  const files = [...new Set(json(r).findings.filter((f) => f.ruleId === "map-race").map((f) => f.file))].sort();
  assert.deepEqual(files, ["index.go", "vendor/v/v.go", "zz_gen.go"]);
  assert.ok(json(r).findings.every((f) => f.ruleId !== "map-race" || f.severity === "warning"));
  // Flags win over the file.
  const r2 = cli(["lint", "-f", "json", "--tests", "--no-generated", "--no-vendor", "--rule", "map-race=error"], { cwd: root });
  const files2 = [...new Set(json(r2).findings.filter((f) => f.ruleId === "map-race").map((f) => f.file))].sort();
  assert.deepEqual(files2, ["index.go", "index_test.go"]);
  assert.ok(json(r2).findings.every((f) => f.ruleId !== "map-race" || f.severity === "error"));
  // A named file that the config excludes: nothing to report, exit 0 (not a fallback to ./...).
  const excluded = cli(["lint", "legacy/old.go"], { cwd: root });
  assert.equal(excluded.code, 0, excluded.stdout + excluded.stderr);
  // include: only those paths.
  fs.writeFileSync(path.join(root, ".go-hazard.json"), JSON.stringify({ include: ["legacy/**"] }));
  const inc = cli(["lint", "-f", "json"], { cwd: root });
  assert.deepEqual([...new Set(json(inc).findings.map((f) => f.file))], ["legacy/old.go"]);
});

test("goVersion: overrides go.mod for every package (loop variables before Go 1.22), --go-version overrides the file", () => {
  const loop = `package app

func Start(ids []int, out chan<- int) {
	for _, id := range ids {
		go func() {
			out <- id
		}()
	}
}
`;
  const root = tempTree({ "go.mod": GO_MOD, "loop.go": loop });
  const captured = (r: ReturnType<typeof cli>): boolean => json(r).findings.some((f) => f.ruleId === "goroutine-captured-var");
  assert.equal(captured(cli(["lint", "-f", "json"], { cwd: root })), false, "go 1.22: per-iteration variables");
  fs.writeFileSync(path.join(root, ".go-hazard.yml"), 'goVersion: "1.21"\n');
  assert.equal(captured(cli(["lint", "-f", "json"], { cwd: root })), true, "goVersion 1.21 from the config");
  assert.equal(captured(cli(["lint", "-f", "json", "--go-version", "1.22"], { cwd: root })), false, "--go-version wins");
  assert.equal(cli(["lint", "--go-version", "one"], { cwd: root }).code, 2);
});

test("bad config: one line naming the file and key, exit 2", () => {
  const cases: [string, string, RegExp][] = [
    [".go-hazard.json", '{"rules": {"map-race": "loud"}}', /^go-hazard: config \.go-hazard\.json: rules\.map-race: must be one of "off", "note", "warning", "error" \(got "loud"\)$/],
    [".go-hazard.json", '{"exlcude": []}', /^go-hazard: config \.go-hazard\.json: exlcude: unknown key "exlcude" \(did you mean "exclude"\?\)/],
    [".go-hazard.json", '{"rules": {"map-rcae": "off"}}', /^go-hazard: config \.go-hazard\.json: rules\.map-rcae: unknown rule \(did you mean "map-race"\?\)/],
    [".go-hazard.json", '{"rules": {"map-race": ["error", {"x": 1}]}}', /^go-hazard: config \.go-hazard\.json: rules\.map-race: bad options: /],
    [".go-hazard.json", '{"jobs": 0}', /^go-hazard: config \.go-hazard\.json: jobs: must be at least 1/],
    [".go-hazard.json", '{"tests": "no"}', /^go-hazard: config \.go-hazard\.json: tests: must be a boolean/],
    [".go-hazard.json", '{"goVersion": "1.x"}', /^go-hazard: config \.go-hazard\.json: goVersion: must look like "1\.21"/],
    [".go-hazard.json", '{"rules": ', /^go-hazard: config \.go-hazard\.json: not valid JSON/],
    [".go-hazard.yaml", "rules:\n  map-race: off\n  map-race: note\n", /^go-hazard: config \.go-hazard\.yaml:3:3: not valid YAML: Map keys must be unique/],
    [".go-hazard.yaml", "exclude: ['[abc']\n", /^go-hazard: config \.go-hazard\.yaml: exclude\[0\]: unclosed "\["/],
  ];
  for (const [name, text, expected] of cases) {
    const root = tempTree({ "go.mod": GO_MOD, "index.go": clean(), [name]: text });
    for (const cmd of [["lint"], ["rules"]]) {
      const r = cli(cmd, { cwd: root });
      assert.equal(r.code, 2, `${name} ${text}: ${r.stderr}`);
      const lines = r.stderr.trimEnd().split("\n");
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, expected);
    }
  }
  const both = tempTree({ "go.mod": GO_MOD, "index.go": clean(), ".go-hazard.json": "{}", ".go-hazard.yaml": "{}\n" });
  const r = cli(["lint"], { cwd: both });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /both exist/);
  const missing = cli(["lint", "--config", "nope.yaml"], { cwd: both });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^go-hazard: config nope\.yaml: file not found/);
});

test("go-hazard rules: checklist, default severity and whether each rule is on with the config applied", () => {
  const root = tempTree({
    "go.mod": GO_MOD,
    ".go-hazard.yaml": "rules:\n  map-race: off\n  slice-race: note\n  unused-suppression: warning\n",
  });
  const t = cli(["rules"], { cwd: root });
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /^RULE\s+CHECKLIST\s+SEVERITY\s+RECOMMENDED\s+ACTIVE\s+DESCRIPTION/);
  assert.match(t.stdout, /^map-race\s+DP-1,DP-3\s+error\s+on\s+off\s/m);
  assert.match(t.stdout, /^slice-race\s+DP-4\s+error\s+on\s+note\s/m);
  assert.match(t.stdout, /^unused-suppression\s+DP-13\s+warning\s+off\s+warning\s/m);
  const j = JSON.parse(cli(["rules", "-f", "json", "--rule", "map-race=warning"], { cwd: root }).stdout) as {
    id: string;
    enabled: boolean;
    severity: string;
    checklist: string[];
  }[];
  assert.deepEqual(
    j.map((r) => r.id),
    knownRuleIds(standardRules),
  );
  assert.deepEqual(
    j.filter((r) => ["map-race", "slice-race", "parse-error"].includes(r.id)).map((r) => [r.id, r.enabled, r.severity]),
    [
      ["map-race", true, "warning"],
      ["parse-error", true, "warning"],
      ["slice-race", true, "note"],
    ],
  );
  const noConfig = JSON.parse(cli(["rules", "-f", "json", "--no-config"], { cwd: root }).stdout) as { id: string; severity: string }[];
  assert.equal(noConfig.find((r) => r.id === "unused-suppression")!.severity, "off");
});

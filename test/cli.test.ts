/**
 * End to end: the built `bin/go-hazard.js`, spawned like a user would.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Validator, type Schema } from "jsonschema";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = path.join(repoRoot, "bin", "go-hazard.js");
const require = createRequire(import.meta.url);
const sarifSchema = JSON.parse(
  fs.readFileSync(path.join(path.dirname(require.resolve("@microsoft/jest-sarif/package.json")), "lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
) as Schema;

const ANSI = /\u001b\[/;

const tmpRoots: string[] = [];
after(() => {
  for (const r of tmpRoots) fs.rmSync(r, { recursive: true, force: true });
});

function tempTree(files: Record<string, string | Uint8Array>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "go-hazard-cli-")));
  tmpRoots.push(root);
  for (const [name, content] of Object.entries(files)) {
    const abs = path.join(root, name);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.FORCE_COLOR;
  if (!options.env || !("NO_COLOR" in options.env)) delete env.NO_COLOR;
  delete env.GITHUB_STEP_SUMMARY;
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? repoRoot, env, encoding: "utf8", timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const GO_MOD = "module example.com/app\n\ngo 1.22\n";

/** Goroutines started in a loop write one map: `fatal error: concurrent map writes`. */
const RACY = `package app

import "sync"

func Index(ids []int) map[int]int {
	m := make(map[int]int)
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m[id] = id * 2
		}()
	}
	wg.Wait()
	return m
}
`;

const CLEAN = `package app

import "sync"

func Index(ids []int) map[int]int {
	m := make(map[int]int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			m[id] = id * 2
			mu.Unlock()
		}()
	}
	wg.Wait()
	return m
}
`;

const BROKEN = `package app

func Broken() int {
	x := := 1
	return x
}
`;

function racyModule(extra: Record<string, string | Uint8Array> = {}): string {
  return tempTree({ "go.mod": GO_MOD, "index.go": RACY, ...extra });
}

function cleanModule(): string {
  return tempTree({ "go.mod": GO_MOD, "index.go": CLEAN });
}

interface JsonReportLike {
  version: number;
  tool: { name: string; version: string };
  findings: { ruleId: string; severity: string; file: string; line: number; column: number; message: string; fingerprint: string }[];
  notifications: { level: string; kind: string; message: string; file?: string; line?: number }[];
}

// ---- exit codes -------------------------------------------------------------------

test("exit 0 on a clean module, nothing on stdout", () => {
  const r = cli(["lint", "./..."], { cwd: cleanModule() });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.equal(r.stdout, "");
});

test("exit 1 on a racy module; text output names file, line and rule", () => {
  const r = cli(["lint"], { cwd: racyModule() });
  assert.equal(r.code, 1, r.stderr + r.stdout);
  assert.match(r.stdout, /^index\.go:12:4: error: .*\[map-race\]$/m);
  assert.match(r.stdout, /^\d+ findings? \(\d+ errors?/m);
  assert.doesNotMatch(r.stdout, ANSI, "no colours when stdout is not a TTY");
});

test("exit 2: unknown format, unknown option, bad --rule, bad --jobs — one line starting with go-hazard:", () => {
  const root = cleanModule();
  for (const args of [
    ["lint", "--format", "xml"],
    ["lint", "--frobnicate"],
    ["lint", "--rule", "no-such-rule=error"],
    ["lint", "--rule", "map-race=loud"],
    ["lint", "--jobs", "zero"],
    ["bogus-command"],
  ]) {
    const r = cli(args, { cwd: root });
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    const lines = r.stderr.trimEnd().split("\n");
    assert.match(lines[0]!, /^go-hazard: /, `${args.join(" ")}: ${r.stderr}`);
  }
});

test("exit 2: a pattern that matches nothing, a path that does not exist, a bad --cwd", () => {
  const root = tempTree({ "go.mod": GO_MOD, "index.go": CLEAN, "docs/readme.txt": "no go here\n" });
  const none = cli(["lint", "./docs/..."], { cwd: root });
  assert.equal(none.code, 2, none.stderr);
  assert.match(none.stderr, /^go-hazard: .*docs.*matched no packages/m);
  const missing = cli(["lint", "./nowhere"], { cwd: root });
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /^go-hazard: .*nowhere.*not found/m);
  const badCwd = cli(["lint", "--cwd", path.join(root, "nope")], { cwd: root });
  assert.equal(badCwd.code, 2);
  assert.match(badCwd.stderr, /^go-hazard: --cwd/);
});

test("--version and --help", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
  const v = cli(["--version"]);
  assert.equal(v.code, 0);
  assert.equal(v.stdout.trim(), pkg.version);
  const h = cli(["lint", "--help"]);
  assert.equal(h.code, 0);
  for (const opt of ["--format", "--output", "--jobs", "--no-tests", "--generated", "--vendor", "--rule", "--sarif-category", "--color", "--quiet", "--cwd"]) {
    assert.ok(h.stdout.includes(opt), `help mentions ${opt}`);
  }
});

// ---- formats and options --------------------------------------------------------

test("--format json parses and carries the finding", () => {
  const r = cli(["lint", "--format", "json"], { cwd: racyModule() });
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReportLike;
  assert.equal(report.tool.name, "go-hazard");
  const races = report.findings.filter((x) => x.ruleId === "map-race");
  assert.equal(races.length, 1, r.stdout);
  const f = races[0]!;
  assert.equal(f.ruleId, "map-race");
  assert.equal(f.file, "index.go");
  assert.equal(f.line, 12);
  assert.match(f.fingerprint, /^[0-9a-f]{16}$/);
});

test("--format sarif is valid SARIF 2.1.0", () => {
  const root = racyModule({ "broken.go": BROKEN });
  const r = cli(["lint", "--format", "sarif", "--sarif-category", "go/app"], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  const log = JSON.parse(r.stdout) as { version: string; runs: { results: { ruleId: string }[]; automationDetails?: { id: string } }[] };
  const errors = new Validator()
    .validate(log, sarifSchema)
    .errors.filter((e) => !(e.name === "format" && /^uri(-reference)?$/.test(String(e.argument))));
  assert.deepEqual(
    errors.map((e) => `${e.property}: ${e.message}`),
    [],
  );
  assert.equal(log.version, "2.1.0");
  const ids = new Set(log.runs[0]!.results.map((x) => x.ruleId));
  assert.ok(ids.has("map-race") && ids.has("parse-error"), [...ids].join(","));
  assert.match(log.runs[0]!.automationDetails!.id, /^go\/app/);
});

test("--format github prints workflow commands", () => {
  const r = cli(["lint", "--format", "github"], { cwd: racyModule() });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^::error .*file=index\.go,line=12/m);
});

test("--output writes the report to a file, not stdout, never coloured", () => {
  const root = racyModule();
  const out = path.join(root, "out", "report.txt");
  const r = cli(["lint", "--output", out, "--color"], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, "");
  const text = fs.readFileSync(out, "utf8");
  assert.match(text, /index\.go:12:4: error:/);
  assert.doesNotMatch(text, ANSI);
  const json = path.join(root, "report.json");
  assert.equal(cli(["lint", "-f", "json", "-o", "report.json"], { cwd: root }).code, 1);
  assert.ok((JSON.parse(fs.readFileSync(json, "utf8")) as JsonReportLike).findings.some((f) => f.ruleId === "map-race"));
});

test("colours: off without a TTY and with NO_COLOR, on with --color", () => {
  const root = racyModule();
  assert.doesNotMatch(cli(["lint"], { cwd: root, env: { NO_COLOR: "1" } }).stdout, ANSI);
  assert.doesNotMatch(cli(["lint", "--no-color"], { cwd: root }).stdout, ANSI);
  assert.match(cli(["lint", "--color"], { cwd: root }).stdout, ANSI);
});

test("--rule changes severity or turns a rule off; --cwd sets the run root", () => {
  const root = racyModule();
  const off = cli(["lint", "-f", "json", "--rule", "map-race=off", "--cwd", root]);
  assert.ok(!(JSON.parse(off.stdout) as JsonReportLike).findings.some((f) => f.ruleId === "map-race"), off.stdout);
  // Only map-race, as a note: notes are findings too (exit 1).
  const known = (JSON.parse(cli(["rules", "--format", "json"]).stdout) as { id: string }[]).map((r) => r.id);
  const offArgs = known.filter((id) => id !== "map-race").flatMap((id) => ["--rule", `${id}=off`]);
  const note = cli(["lint", "-f", "json", "--rule", "map-race=note", ...offArgs, "--cwd", root]);
  assert.equal(note.code, 1, "notes are findings too");
  const report = JSON.parse(note.stdout) as JsonReportLike;
  assert.deepEqual(
    report.findings.map((f) => [f.ruleId, f.severity, f.file]),
    [["map-race", "note", "index.go"]],
  );
  const allOff = cli(["lint", ...offArgs, "--rule", "map-race=off", "--cwd", root]);
  assert.equal(allOff.code, 0, allOff.stdout);
});

test("--no-tests leaves _test.go files out", () => {
  const root = tempTree({ "go.mod": GO_MOD, "index.go": CLEAN, "index_test.go": RACY.replace("package app", "package app").replace("func Index", "func indexForTest") });
  assert.equal(cli(["lint"], { cwd: root }).code, 1);
  assert.equal(cli(["lint", "--no-tests"], { cwd: root }).code, 0);
});

test("named files: the whole package is analysed, only those files are reported", () => {
  const root = racyModule({ "other.go": RACY.replace("func Index", "func Index2") });
  const r = cli(["lint", "-f", "json", "other.go"], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  const files = (JSON.parse(r.stdout) as JsonReportLike).findings.map((f) => f.file);
  assert.ok(files.length > 0);
  assert.deepEqual([...new Set(files)], ["other.go"]);
});

// ---- robustness ---------------------------------------------------------------------

test("a package under node_modules/ is linted like any other (go does not skip that directory), with no ESLint ignore warning", () => {
  const root = tempTree({ "go.mod": GO_MOD, "index.go": CLEAN, "node_modules/lib/lib.go": RACY.replace("package app", "package lib") });
  const r = cli(["lint", "-f", "json"], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual([...new Set((JSON.parse(r.stdout) as JsonReportLike).findings.map((f) => f.file))], ["node_modules/lib/lib.go"]);
  assert.doesNotMatch(r.stderr, /No matching configuration/);
});

test("a syntax error: parse-error finding with its location, other findings of the package still reported", () => {
  const root = racyModule({ "broken.go": BROKEN });
  const r = cli(["lint", "-f", "json"], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReportLike;
  const parse = report.findings.filter((f) => f.ruleId === "parse-error");
  assert.equal(parse.length >= 1, true, r.stdout);
  assert.equal(parse[0]!.file, "broken.go");
  assert.equal(parse[0]!.line, 4);
  assert.equal(parse[0]!.severity, "warning");
  assert.ok(report.findings.some((f) => f.ruleId === "map-race" && f.file === "index.go"), "race in the sibling file still found");
  assert.ok(report.notifications.some((n) => n.kind === "parse-error" && n.file === "broken.go"));
  assert.match(r.stderr, /^go-hazard: warning: broken\.go:4:\d+: syntax error/m);
  // --quiet: nothing on stderr.
  const q = cli(["lint", "--quiet"], { cwd: root });
  assert.equal(q.stderr, "");
  assert.equal(q.code, 1);
});

test("binary and non-UTF-8 .go files: a warning each, the run goes on", () => {
  const root = racyModule({
    "blob.go": new Uint8Array([0x70, 0x61, 0x63, 0x6b, 0x00, 0x01, 0x02, 0xff]),
    "latin1.go": new Uint8Array([...Buffer.from("package app\n\n// caf"), 0xe9, 0x0a]),
  });
  const r = cli(["lint", "-f", "json"], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^go-hazard: warning: blob\.go: .*binary/m);
  assert.match(r.stderr, /^go-hazard: warning: latin1\.go: .*UTF-8/m);
  const report = JSON.parse(r.stdout) as JsonReportLike;
  assert.ok(report.findings.some((f) => f.ruleId === "map-race"));
  assert.deepEqual(
    report.notifications.map((n) => [n.kind, n.file]).sort(),
    [
      ["binary", "blob.go"],
      ["not-utf8", "latin1.go"],
    ],
  );
});

// ---- other commands ------------------------------------------------------------------

test("go-hazard rules: table and JSON", () => {
  const t = cli(["rules"]);
  assert.equal(t.code, 0);
  assert.match(t.stdout, /^RULE\s+CHECKLIST\s+SEVERITY\s+RECOMMENDED/);
  assert.match(t.stdout, /^parse-error\s+DP-13\s+warning\s+on/m);
  assert.match(t.stdout, /^map-race\s+DP-\d/m);
  const j = cli(["rules", "--format", "json"]);
  const infos = JSON.parse(j.stdout) as { id: string; checklist: string[]; defaultSeverity: string; recommended: boolean }[];
  assert.ok(infos.some((i) => i.id === "map-race" && i.checklist.length > 0));
  assert.deepEqual(
    infos.map((i) => i.id),
    [...infos.map((i) => i.id)].sort(),
  );
});

test("go-hazard facts prints JSON for every package", () => {
  const root = racyModule();
  const r = cli(["facts"], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  const dump = JSON.parse(r.stdout) as { tool: { name: string }; packages: { package: string }[] };
  assert.equal(dump.tool.name, "go-hazard");
  assert.equal(dump.packages.length, 1);
  const out = path.join(root, "facts.json");
  assert.equal(cli(["facts", "--output", out], { cwd: root }).code, 0);
  assert.ok(fs.existsSync(out));
  assert.equal(cli(["facts", "./nowhere"], { cwd: root }).code, 2);
});

// ---- the incident example (written alongside the analysis) ---------------------------

test("examples/incident: the concurrent map write is found (exit 1); examples/incident-fixed is clean (exit 0)", () => {
  const incident = path.join(repoRoot, "examples", "incident");
  const fixed = path.join(repoRoot, "examples", "incident-fixed");
  assert.ok(fs.existsSync(incident), "examples/incident exists");
  assert.ok(fs.existsSync(fixed), "examples/incident-fixed exists");
  const bad = cli(["lint", "./...", "--cwd", incident, "-f", "json"]);
  assert.equal(bad.code, 1, bad.stderr + bad.stdout);
  const report = JSON.parse(bad.stdout) as JsonReportLike;
  assert.ok(report.findings.some((f) => f.ruleId === "map-race"), bad.stdout);
  const good = cli(["lint", "./...", "--cwd", fixed]);
  assert.equal(good.code, 0, good.stderr + good.stdout);
});

/**
 * New issues only: `--write-baseline` / `--baseline` (semantic fingerprints
 * that survive moved code) and `--new-from-rev` (findings in functions changed
 * since a git revision, races included when only the other side changed).
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cli, cleanupTemp, clean, git, GO_MOD, hasGit, json, racy, tempTree } from "./helpers/cli.js";
import { parseUnifiedDiff, unquoteGitPath } from "../src/vcs/git.js";
import { applyBaseline, buildBaseline } from "../src/baseline/index.js";
import type { Finding } from "../src/report/finding.js";

after(cleanupTemp);

test("baseline: write the legacy findings, then only new ones are reported, even after code moves", () => {
  const root = tempTree({ "go.mod": GO_MOD, "legacy.go": racy("app", "Legacy") });
  const w = cli(["lint", "--write-baseline", "go-hazard-baseline.json"], { cwd: root });
  assert.equal(w.code, 0, w.stderr + w.stdout);
  assert.equal(w.stdout, "", "no report while writing a baseline");
  assert.match(w.stderr, /^go-hazard: wrote 1 finding to the baseline go-hazard-baseline\.json$/m);
  const file = JSON.parse(fs.readFileSync(path.join(root, "go-hazard-baseline.json"), "utf8")) as {
    version: number;
    tool: { name: string; version: string };
    entries: { fingerprint: string; ruleId: string; file: string; function?: string; message: string }[];
  };
  assert.equal(file.version, 1);
  assert.equal(file.tool.name, "go-hazard");
  assert.deepEqual(
    file.entries.map((e) => [e.ruleId, e.file, e.function]),
    [["map-race", "legacy.go", "Legacy"]],
  );
  assert.match(file.entries[0]!.fingerprint, /^[0-9a-f]{16}$/);

  const r = cli(["lint", "--baseline", "go-hazard-baseline.json"], { cwd: root });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^go-hazard: note: 1 finding matched the baseline go-hazard-baseline\.json and is not reported$/m);

  // Move the legacy code down (new declarations above it): still matched.
  const moved = `// Package app.\n\n${clean("app", "Fresh").replace("package app\n\nimport \"sync\"\n", "package app\n\nimport \"sync\"\n\nvar _ = 1\n")}`;
  fs.writeFileSync(path.join(root, "fresh.go"), moved);
  fs.writeFileSync(path.join(root, "legacy.go"), racy("app", "Legacy").replace("import \"sync\"\n", "import \"sync\"\n\n// Legacy indexes ids.\n// It was written long ago.\n"));
  const r2 = cli(["lint", "-f", "json", "--baseline", "go-hazard-baseline.json"], { cwd: root });
  assert.equal(r2.code, 0, r2.stdout);
  assert.deepEqual(json(r2).findings, []);
  assert.ok(json(r2).notifications.some((n) => n.kind === "baseline" && /^1 finding matched/.test(n.message)));

  // A new race is reported, the old one still is not.
  fs.writeFileSync(path.join(root, "new.go"), racy("app", "Brand"));
  const r3 = cli(["lint", "-f", "json", "--baseline", "go-hazard-baseline.json"], { cwd: root });
  assert.equal(r3.code, 1);
  assert.deepEqual(
    json(r3).findings.map((f) => [f.ruleId, f.file]),
    [["map-race", "new.go"]],
  );

  // Errors: a missing or malformed baseline is a usage error.
  const missing = cli(["lint", "--baseline", "nope.json"], { cwd: root });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^go-hazard: --baseline nope\.json: file not found/m);
  fs.writeFileSync(path.join(root, "bad.json"), '{"version": 7, "entries": []}');
  assert.match(cli(["lint", "--baseline", "bad.json"], { cwd: root }).stderr, /^go-hazard: --baseline bad\.json: baseline format version 7/m);
});

test("baseline matching counts: one entry absorbs one finding", () => {
  const f = (fp: string, line: number): Finding => ({
    ruleId: "map-race",
    severity: "error",
    message: "m",
    file: "a.go",
    line,
    column: 1,
    endLine: line,
    endColumn: 2,
    related: [],
    flows: [],
    fingerprint: fp,
  });
  const b = buildBaseline([f("aa", 1)], "0.0.0");
  const r = applyBaseline([f("aa", 5), f("aa", 9), f("bb", 3)], b);
  assert.equal(r.matched, 1);
  assert.deepEqual(
    r.findings.map((x) => x.line),
    [9, 3],
  );
});

test("git diff parsing: hunks, pure deletions, new files, quoted names", () => {
  const diff = [
    "diff --git a/a.go b/a.go",
    "index 1..2 100644",
    "--- a/a.go",
    "+++ b/a.go",
    "@@ -3,0 +4,2 @@ func x",
    "+a",
    "+b",
    "@@ -10 +12 @@",
    "-x",
    "+y",
    "@@ -20,3 +21,0 @@",
    "diff --git a/n.go b/n.go",
    "new file mode 100644",
    "--- /dev/null",
    "+++ b/n.go",
    "@@ -0,0 +1,3 @@",
    "diff --git a/gone.go b/gone.go",
    "deleted file mode 100644",
    "--- a/gone.go",
    "+++ /dev/null",
    '+++ "b/sp\\303\\251cial\\tname.go"',
    "@@ -1 +1 @@",
  ].join("\n");
  const m = parseUnifiedDiff(diff);
  assert.deepEqual([...(m.get("a.go") as Set<number>)].sort((a, b) => a - b), [4, 5, 12, 21, 22]);
  assert.equal(m.get("n.go"), "all");
  assert.equal(m.has("gone.go"), false);
  assert.equal(unquoteGitPath('"sp\\303\\251cial\\tname.go"'), "spécial\tname.go");
  assert.deepEqual([...(m.get("spécial\tname.go") as Set<number>)], [1]);
});

/** A server whose map is written by a goroutine; Get is where the other side of a race appears. */
function server(getBody: string, extra = ""): string {
  return `package app

import "sync"

type Server struct {
	mu    sync.Mutex
	cache map[string]int
}

func NewServer() *Server {
	s := &Server{cache: map[string]int{}}
	go s.refresh()
	return s
}

func (s *Server) refresh() {
	for i := 0; i < 10; i++ {
		s.cache["k"] = i
	}
}

func (s *Server) Get(k string) int {
${getBody}
}

func Unrelated() int {
	x := 1${extra}
	return x
}
`;
}

const LOCKED_GET = "\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\treturn len(k)";
const RACY_GET = "\treturn s.cache[k]";

test("--new-from-rev: only findings in code changed since REV; a race shows when only its other side changed", { skip: !hasGit() && "git not installed" }, () => {
  const root = tempTree({ "go.mod": GO_MOD, "server.go": server(LOCKED_GET), "legacy.go": racy("app", "Legacy") });
  git(root, "init", "-q");
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", "legacy");

  // Nothing changed: the legacy race is not reported.
  const none = cli(["lint", "-f", "json", "--new-from-rev", "HEAD"], { cwd: root });
  assert.equal(none.code, 0, none.stdout + none.stderr);
  assert.ok(json(none).notifications.some((n) => n.kind === "new-from-rev" && /^1 finding in code not changed since HEAD is not reported/.test(n.message)));

  // A change elsewhere in the same file: still nothing.
  fs.writeFileSync(path.join(root, "server.go"), server(LOCKED_GET, "\n\tx++"));
  assert.equal(cli(["lint", "--new-from-rev", "HEAD"], { cwd: root }).code, 0);

  // Get now reads the map without the lock: the race is reported at refresh's
  // write (an unchanged function) because its other side, Get, changed.
  fs.writeFileSync(path.join(root, "server.go"), server(RACY_GET, "\n\tx++"));
  const r = cli(["lint", "-f", "json", "--new-from-rev", "HEAD"], { cwd: root });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const found = json(r).findings;
  assert.deepEqual(
    found.map((f) => [f.ruleId, f.file, f.function]),
    [["map-race", "server.go", "(*Server).refresh"]],
  );
  // Without the option, the legacy race is there too.
  assert.equal(json(cli(["lint", "-f", "json"], { cwd: root })).findings.filter((f) => f.ruleId === "map-race").length, 2);

  // A new, untracked file counts as changed; so does a committed one after REV.
  fs.writeFileSync(path.join(root, "fresh.go"), racy("app", "Fresh"));
  const r2 = cli(["lint", "-f", "json", "--new-from-rev", "HEAD"], { cwd: root });
  assert.deepEqual([...new Set(json(r2).findings.map((f) => f.file))].sort(), ["fresh.go", "server.go"]);
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", "more");
  const r3 = cli(["lint", "-f", "json", "--new-from-rev", "HEAD~1"], { cwd: root });
  assert.deepEqual([...new Set(json(r3).findings.map((f) => f.file))].sort(), ["fresh.go", "server.go"]);

  // With a subdirectory as the run root, paths still line up.
  fs.mkdirSync(path.join(root, "sub"));
  fs.writeFileSync(path.join(root, "sub", "s.go"), racy("sub", "Sub"));
  const r4 = cli(["lint", "-f", "json", "--new-from-rev", "HEAD"], { cwd: path.join(root, "sub") });
  assert.deepEqual(json(r4).findings.map((f) => f.file), ["s.go"]);
});

test("--new-from-rev errors: unknown revision, not a repository — exit 2, one line", { skip: !hasGit() && "git not installed" }, () => {
  const root = tempTree({ "go.mod": GO_MOD, "a.go": racy() });
  const notRepo = cli(["lint", "--new-from-rev", "HEAD"], { cwd: root });
  assert.equal(notRepo.code, 2);
  assert.match(notRepo.stderr, /^go-hazard: --new-from-rev: .* is not inside a git work tree$/m);
  git(root, "init", "-q");
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", "x");
  const unknown = cli(["lint", "--new-from-rev", "no-such-branch"], { cwd: root });
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr.trimEnd().split("\n").length, 1, unknown.stderr);
  assert.match(unknown.stderr, /^go-hazard: --new-from-rev "no-such-branch": unknown revision$/m);
  assert.equal(cli(["lint", "--new-from-rev", "--output=x"], { cwd: root }).code, 2);
  // The CLI is spawned by absolute path, so an empty PATH hides only git.
  const noGit = cli(["lint", "--new-from-rev", "HEAD"], { cwd: root, env: { PATH: "/nonexistent" } });
  assert.equal(noGit.code, 2);
  assert.match(noGit.stderr, /^go-hazard: --new-from-rev needs git, and git was not found on PATH$/m);
});

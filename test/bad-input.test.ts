/**
 * Bad paths and bad config files (issue 20): each fails fast, with exit 2 and
 * a message that names the path and the reason, before any analysis; none
 * hangs and none is an internal error.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { cleanupTemp, cli, tempTree } from "./helpers/cli.js";
import { makeDirs, PathError } from "../src/make-dirs.js";

after(cleanupTemp);

const PKG = { "go.mod": "module example.com/bad\n\ngo 1.22\n", "p/p.go": "package p\n\nfunc F() {}\n" };
const hasProc = fs.existsSync("/proc/self");

for (const [args, reason] of [
  [["--output", "/proc/nope/x.sarif", "--format", "sarif"], "/proc/nope: no such file or directory (ENOENT)"],
  [["--write-baseline", "/proc/nope/b.json"], "/proc/nope: no such file or directory (ENOENT)"],
  [["--format", "sarif:/proc/nope/a/b/x.sarif"], "/proc/nope: no such file or directory (ENOENT)"],
] as const) {
  test(`${args.join(" ")}: exit 2 at once, naming the path`, { skip: !hasProc && "no /proc here" }, () => {
    const root = tempTree(PKG);
    const r = cli(["lint", "./...", "--cwd", root, ...args]);
    assert.equal(r.code, 2, r.stderr);
    assert.ok(r.stderr.includes(reason), r.stderr);
    assert.equal(r.stderr.includes("internal error"), false, r.stderr);
  });
}

test("a path under a file says ENOTDIR and names the file; a directory as output says EISDIR", () => {
  const root = tempTree({ ...PKG, "plain.txt": "x" });
  const file = path.join(root, "plain.txt");
  for (const args of [
    ["--output", `${file}/x.sarif`, "--format", "sarif"],
    ["--write-baseline", `${file}/a/b.json`],
  ]) {
    const r = cli(["lint", "./...", "--cwd", root, ...args]);
    assert.equal(r.code, 2, r.stderr);
    assert.ok(r.stderr.includes(`${file}: not a directory (ENOTDIR)`), r.stderr);
  }
  const r = cli(["lint", "./...", "--cwd", root, "--format", `json:${root}`]);
  assert.equal(r.code, 2, r.stderr);
  assert.ok(r.stderr.includes("is a directory (EISDIR)"), r.stderr);
});

test("--cache-dir /proc/nope: a warning at once, and the run goes on without a cache", { skip: !hasProc && "no /proc here" }, () => {
  const root = tempTree(PKG);
  const r = cli(["lint", "./...", "--cwd", root, "--cache-dir", "/proc/nope"]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stderr.includes("--cache-dir /proc/nope: cannot create: /proc/nope: no such file or directory (ENOENT)"), r.stderr);
});

test("makeDirs makes missing levels, accepts existing ones, and throws PathError naming the failing level", () => {
  const root = tempTree({ "f.txt": "x" });
  makeDirs(path.join(root, "a", "b", "c"));
  assert.ok(fs.statSync(path.join(root, "a", "b", "c")).isDirectory());
  makeDirs(path.join(root, "a", "b"));
  assert.throws(
    () => makeDirs(path.join(root, "f.txt", "d")),
    (err: unknown) => err instanceof PathError && err.code === "ENOTDIR" && err.path === path.join(root, "f.txt"),
  );
});

test("a YAML alias bomb in .go-hazard.yaml is a config error naming the file", () => {
  const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
  lines.push("rules: *a11");
  const root = tempTree({ ...PKG, ".go-hazard.yaml": lines.join("\n") + "\n" });
  const r = cli(["lint", "./...", "--cwd", root]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /config \.go-hazard\.yaml: not valid YAML: .*alias/);
  assert.equal(r.stderr.includes("internal error"), false, r.stderr);
});

test("a .go-hazard.json that is a FIFO is a config error, found or named, and is never opened", { skip: process.platform === "win32" }, () => {
  const root = tempTree(PKG);
  const fifo = path.join(root, ".go-hazard.json");
  if (spawnSync("mkfifo", [fifo]).status !== 0) return;
  for (const extra of [[], ["--config", ".go-hazard.json"]]) {
    const r = cli(["lint", "./...", "--cwd", root, ...extra], { cwd: root });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /\.go-hazard\.json: a FIFO, not a regular file/);
  }
});

test("walking ./...: FIFOs, sockets, devices, dangling and looping links named .go get one warning each and are never opened", { skip: process.platform === "win32" }, () => {
  const root = tempTree({ ...PKG, "p/race.go": "package p\n\nfunc G() {\n\tm := map[int]int{}\n\tfor i := 0; i < 9; i++ {\n\t\tgo func() { m[i] = i }()\n\t}\n}\n", "r/r.go": "package r\n" });
  const p = (name: string): string => path.join(root, "p", name);
  fs.symlinkSync("nothere.go", p("dangling.go"));
  fs.symlinkSync("loop2.go", p("loop1.go"));
  fs.symlinkSync("loop1.go", p("loop2.go"));
  const devices = fs.existsSync("/dev/zero");
  if (devices) fs.symlinkSync("/dev/zero", p("zero.go"));
  const fifos = spawnSync("mkfifo", [p("fifo.go"), path.join(root, "r", "only.go")]).status === 0;
  const r = cli(["lint", "./...", "--cwd", root, "--format", "json", "--no-cache"]);
  assert.equal(r.code, 1, r.stderr);
  const json = JSON.parse(r.stdout) as { findings: Array<{ file: string }>; notifications: Array<{ file?: string; message: string }> };
  const kinds = json.notifications.map((n) => `${n.file}: ${n.message}`);
  const expected = [
    "p/dangling.go: a dangling symbolic link, not a regular file; skipped",
    "p/loop1.go: a symbolic link loop, not a regular file; skipped",
    "p/loop2.go: a symbolic link loop, not a regular file; skipped",
    ...(devices ? ["p/zero.go: a symbolic link to a device, not a regular file; skipped"] : []),
    ...(fifos ? ["p/fifo.go: a FIFO, not a regular file; skipped", "r/only.go: a FIFO, not a regular file; skipped"] : []),
  ];
  assert.deepEqual([...kinds].sort(), [...expected].sort());
  assert.ok(json.findings.some((f) => f.file === "p/race.go"), "the rest of the package is reported");
});

test("two package clauses in one directory are reported as the go tool words it; the external test package and excluded files are not", () => {
  const root = tempTree({
    "go.mod": "module example.com/two\n\ngo 1.22\n",
    "q/a.go": "package a\n",
    "q/b.go": "package b\n",
    "ok/a.go": "package a\n",
    "ok/a_test.go": "package a_test\n",
    "ok/gen.go": "//go:build ignore\n\npackage main\n",
  });
  const r = cli(["lint", "./...", "--cwd", root, "--no-cache"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stderr.trim().split("\n"), ["go-hazard: warning: q: found packages a (a.go) and b (b.go); the go tool refuses this directory"]);
});

test("more accesses to one map than are paired: the findings so far are kept and an analysis-budget note says some may be missing", () => {
  const racy = (n: number): string => {
    const lines = ["package p", "", "func f() {", "\tm := map[int]int{}"];
    for (let i = 0; i < n; i++) lines.push(`\tgo func() { m[${i}] = ${i} }()`);
    return [...lines, "}", ""].join("\n");
  };
  const run = (n: number): { findings: unknown[]; notifications: Array<{ kind: string }> } => {
    const root = tempTree({ "go.mod": "module example.com/many\n\ngo 1.22\n", "p/p.go": racy(n) });
    // To a file: the report of hundreds of findings is more than spawnSync buffers.
    const out = path.join(root, "report.json");
    const r = cli(["lint", "./...", "--cwd", root, "--format", `json:${out}`, "--no-cache"]);
    assert.equal(r.code, 1, r.stderr);
    return JSON.parse(fs.readFileSync(out, "utf8")) as { findings: unknown[]; notifications: Array<{ kind: string }> };
  };
  const few = run(100);
  assert.equal(few.findings.length, 100);
  assert.deepEqual(few.notifications, []);
  const many = run(1000);
  assert.ok(many.findings.length >= 100, `${many.findings.length} findings`);
  assert.deepEqual(
    many.notifications.map((n) => n.kind),
    ["analysis-budget"],
  );
});

test("a package with hundreds of thousands of identifiers or list elements: no stack overflow from spreading big arrays into calls", () => {
  const racy = "package p\n\nfunc h() {\n\tm := map[int]int{}\n\tfor i := 0; i < 10; i++ {\n\t\tgo func() { m[i] = i }()\n\t}\n}\n";
  const root = tempTree({
    "go.mod": "module example.com/wide\n\ngo 1.22\n",
    "p/racy.go": racy,
    "p/wide.go": `package p\n\nvar a int\n\nvar xs = []int{${"a, ".repeat(200_000)}}\n\nfunc g() {\n\t_ = []int{${"a, ".repeat(200_000)}}\n}\n`,
  });
  const r = cli(["lint", "./...", "--cwd", root, "--format", "json", "--no-cache"]);
  assert.equal(r.code, 1, r.stderr);
  const json = JSON.parse(r.stdout) as { findings: Array<{ file: string }>; notifications: Array<{ kind: string; message: string }> };
  assert.deepEqual(json.notifications, []);
  assert.ok(json.findings.some((f) => f.file === "p/racy.go"));
});

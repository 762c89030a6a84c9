/**
 * The result cache end to end (an unchanged tree is not parsed again and
 * gives the same output; named files share whole-package entries), its
 * eviction, and the other everyday CLI behaviours: files as arguments and
 * the progress line.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cli, cleanupTemp, clean, GO_MOD, json, racy, tempDir, tempTree } from "./helpers/cli.js";
import { CACHE_FORMAT, ResultCache } from "../src/cache/index.js";
import { resolveRuleSettings } from "../src/engine/config.js";
import { runCli, type CliIO } from "../src/cli/program.js";
import type { GoPackage } from "../src/loader/types.js";
import { goFileFromText } from "../src/loader/index.js";
import { standardRules } from "./helpers/rule-set.js";

after(cleanupTemp);

function stats(stderr: string): { packages: number; cached: number; analysed: number; parsed: number } {
  const m = /^go-hazard: stats: (\d+) packages, (\d+) from cache, (\d+) analysed, parsed (\d+) files$/m.exec(stderr);
  assert.ok(m, `no stats line in: ${stderr}`);
  return { packages: Number(m[1]), cached: Number(m[2]), analysed: Number(m[3]), parsed: Number(m[4]) };
}

function threePackages(): string {
  return tempTree({
    "go.mod": GO_MOD,
    "a/a.go": racy("a"),
    "a/a2.go": clean("a", "Other"),
    "b/b.go": racy("b"),
    "c/c.go": clean("c"),
  });
}

test("cache: a second run on an unchanged tree parses nothing and prints the same report; a changed file re-analyses its package only", () => {
  const root = threePackages();
  const cacheDir = path.join(tempDir(), "cache");
  const run = (...extra: string[]) => cli(["lint", "--cache-dir", cacheDir, ...extra], { cwd: root, env: { GO_HAZARD_DEBUG_STATS: "1" } });
  for (const format of ["text", "json"]) {
    const first = run("-f", format);
    const second = run("-f", format);
    assert.equal(first.code, 1);
    assert.equal(second.code, 1);
    assert.equal(second.stdout, first.stdout, `${format}: identical output`);
    assert.deepEqual(stats(second.stderr), { packages: 3, cached: 3, analysed: 0, parsed: 0 });
  }
  fs.appendFileSync(path.join(root, "c", "c.go"), "\nfunc Extra() {}\n");
  assert.deepEqual(stats(run().stderr), { packages: 3, cached: 2, analysed: 1, parsed: 1 });
  // Rule settings are part of the key.
  assert.deepEqual(stats(run("--rule", "map-race=warning").stderr), { packages: 3, cached: 0, analysed: 3, parsed: 4 });
  // --no-cache neither reads nor writes.
  const other = path.join(tempDir(), "unused");
  const nc = cli(["lint", "--no-cache", "--cache-dir", other], { cwd: root, env: { GO_HAZARD_DEBUG_STATS: "1" } });
  assert.equal(stats(nc.stderr).parsed, 4);
  assert.equal(fs.existsSync(other), false);
  // The default location is $XDG_CACHE_HOME/go-hazard.
  const xdg = tempDir();
  cli(["lint"], { cwd: root, env: { XDG_CACHE_HOME: xdg } });
  assert.ok(fs.existsSync(path.join(xdg, "go-hazard")));
});

test("cache: named files use whole-package entries and report exactly what an uncached run reports", () => {
  const root = tempTree({ "go.mod": GO_MOD, "x.go": racy("app", "X"), "y.go": racy("app", "Y"), "z.go": clean("app", "Z") });
  const cacheDir = path.join(tempDir(), "cache");
  const env = { GO_HAZARD_DEBUG_STATS: "1" };
  const uncached = cli(["lint", "-f", "json", "--no-cache", "y.go", "z.go"], { cwd: root });
  const first = cli(["lint", "-f", "json", "--cache-dir", cacheDir, "y.go", "z.go"], { cwd: root, env });
  const second = cli(["lint", "-f", "json", "--cache-dir", cacheDir, "y.go"], { cwd: root, env });
  assert.equal(first.stdout, uncached.stdout);
  assert.deepEqual([...new Set(json(first).findings.map((f) => f.file))], ["y.go"]);
  assert.deepEqual(stats(second.stderr).parsed, 0);
  assert.equal(second.stdout, first.stdout);
  const whole = cli(["lint", "-f", "json", "--cache-dir", cacheDir], { cwd: root, env });
  assert.equal(stats(whole.stderr).parsed, 0, "the full run reuses the entry");
  assert.deepEqual([...new Set(json(whole).findings.map((f) => f.file))], ["x.go", "y.go"]);
});

test("cache: an unusable cache directory is no error (a warning names it and why); entries beyond the size cap are evicted, least recently used first", () => {
  const root = threePackages();
  const file = path.join(tempDir(), "a-file");
  fs.writeFileSync(file, "x");
  const r = cli(["lint", "--cache-dir", path.join(file, "sub")], { cwd: root });
  assert.equal(r.code, 1);
  assert.ok(r.stderr.includes(`warning: --cache-dir ${path.join(file, "sub")}: cannot create: ${file}: not a directory (ENOTDIR); running without a cache`), r.stderr);

  const dir = tempDir();
  const config = { rulesUrl: standardRules.url, rules: resolveRuleSettings({}, standardRules) };
  const pkg = (i: number): GoPackage => ({
    id: `p${i}`,
    dir: `/x/p${i}`,
    relDir: `p${i}`,
    name: "p",
    module: null,
    reportOnly: null,
    dirFiles: ["a.go"],
    files: [goFileFromText(`/x/p${i}/a.go`, `p${i}/a.go`, `package p // ${i}`)],
  });
  const big = { packageId: "p", findings: [], notifications: [{ level: "note" as const, kind: "x", message: "y".repeat(4000) }], files: 1 };
  const writer = new ResultCache(dir, config, 20_000);
  const keys = Array.from({ length: 8 }, (_, i) => writer.key(pkg(i)));
  keys.forEach((k, i) => {
    writer.set(k, big);
    const when = new Date(Date.now() - (100 - i) * 1000);
    fs.utimesSync(path.join(dir, `v${CACHE_FORMAT}`, k.slice(0, 2), `${k}.json`), when, when);
  });
  writer.evict();
  const reader = new ResultCache(dir, config, 20_000);
  const present = keys.map((k) => reader.get(k) !== undefined);
  // Down to 3/4 of the cap (~4 KB each: three stay), the oldest gone first.
  const kept = present.filter(Boolean).length;
  assert.ok(kept >= 2 && kept <= 4, String(present));
  assert.deepEqual(present, [...Array(8 - kept).fill(false), ...Array(kept).fill(true)]);
  // Another rule configuration never sees these entries.
  const otherConfig = new ResultCache(dir, { rulesUrl: standardRules.url, rules: resolveRuleSettings({ "map-race": "off" }, standardRules) });
  assert.notEqual(otherConfig.key(pkg(7)), keys[7]);
  assert.equal(otherConfig.get(otherConfig.key(pkg(7))), undefined);
  // Results with internal errors are not stored.
  const failing = new ResultCache(dir, config);
  const k = failing.key(pkg(99));
  failing.set(k, { ...big, notifications: [{ level: "error", kind: "internal-error", message: "boom" }] });
  assert.equal(failing.get(k), undefined);
});

test("files as arguments: each file's package is analysed whole, findings only in the named files, across packages", () => {
  // The race's goroutine is in spawn.go; the map is written in store.go too.
  const root = tempTree({
    "go.mod": GO_MOD,
    "a/x.go": racy("a", "X"),
    "a/y.go": racy("a", "Y"),
    "b/z.go": racy("b", "Z"),
    "c/c.go": racy("c", "C"),
    "d/store.go": "package d\n\nvar table = map[string]int{}\n\nfunc Put(k string) { table[k] = 1 }\n",
    "d/spawn.go": "package d\n\nfunc Start() {\n\tgo Put(\"a\")\n\tgo Put(\"b\")\n}\n",
  });
  const r = cli(["lint", "-f", "json", "a/y.go", "./b/z.go", path.join(root, "d", "store.go")], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  const files = [...new Set(json(r).findings.map((f) => f.file))].sort();
  assert.deepEqual(files, ["a/y.go", "b/z.go", "d/store.go"]);
  const onlySpawn = cli(["lint", "-f", "json", "d/spawn.go"], { cwd: root });
  assert.equal(onlySpawn.code, 0, onlySpawn.stdout);
  // Named files follow the tests/generated settings (a hook names every staged file).
  fs.writeFileSync(path.join(root, "a", "x_test.go"), racy("a", "T"));
  fs.writeFileSync(path.join(root, "a", "zz_gen.go"), `// Code generated by gen. DO NOT EDIT.\n\n${racy("a", "G")}`);
  const named = (...args: string[]) => [...new Set(json(cli(["lint", "-f", "json", ...args], { cwd: root })).findings.map((f) => f.file))].sort();
  assert.deepEqual(named("a/x_test.go", "a/zz_gen.go"), ["a/x_test.go"]);
  assert.deepEqual(named("--generated", "a/x_test.go", "a/zz_gen.go"), ["a/x_test.go", "a/zz_gen.go"]);
  const skipped = cli(["lint", "--no-tests", "a/x_test.go", "a/zz_gen.go"], { cwd: root });
  assert.equal(skipped.code, 0, skipped.stdout);
  assert.match(skipped.stderr, /^go-hazard: note: a\/x_test\.go: test file not reported/m);
  assert.match(skipped.stderr, /^go-hazard: note: a\/zz_gen\.go: generated file not reported/m);
  const missing = cli(["lint", "a/nope.go"], { cwd: root });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /a\/nope\.go.*file not found/);
});

function fakeIO(env: NodeJS.ProcessEnv, cwd: string): { io: CliIO; err: () => string } {
  let err = "";
  const io: CliIO = {
    stdout: { write: () => true, isTTY: false },
    stderr: { write: (s: string) => ((err += s), true), isTTY: true },
    env,
    cwd,
  };
  return { io, err: () => err };
}

test("progress line: on a terminal's stderr only, never in CI or with --quiet", async () => {
  const root = threePackages();
  const base = { PATH: process.env.PATH };
  const tty = fakeIO(base, root);
  await runCli(["lint", "--no-cache", "--jobs", "1"], tty.io);
  assert.match(tty.err(), /\rgo-hazard: 1\/3 packages/);
  assert.match(tty.err(), /\r\u001b\[K$/);
  const ci = fakeIO({ ...base, CI: "true" }, root);
  await runCli(["lint", "--no-cache", "--jobs", "1"], ci.io);
  assert.doesNotMatch(ci.err(), /\r/);
  const quiet = fakeIO(base, root);
  await runCli(["lint", "--no-cache", "--jobs", "1", "--quiet"], quiet.io);
  assert.equal(quiet.err(), "");
});

test("cache: a file the loader skips (generated) is part of the key: adding one that initialises the map is seen by nil-map-write", () => {
  const root = tempTree({
    "go.mod": GO_MOD,
    "hits/hits.go": "package hits\n\nvar hits map[string]int\n\nfunc Count(k string) {\n\thits[k]++\n}\n",
  });
  const cacheDir = path.join(tempDir(), "cache");
  const run = () => json(cli(["lint", "--cache-dir", cacheDir, "-f", "json", "--rule", "unbounded-map-growth=off"], { cwd: root }));
  assert.deepEqual(run().findings.map((f: { ruleId: string }) => f.ruleId), ["nil-map-write"]);
  fs.writeFileSync(
    path.join(root, "hits", "zz_generated.go"),
    "// Code generated by hand. DO NOT EDIT.\n\npackage hits\n\nfunc init() {\n\thits = make(map[string]int)\n}\n",
  );
  const cached = run();
  const fresh = json(cli(["lint", "--no-cache", "-f", "json", "--rule", "unbounded-map-growth=off"], { cwd: root }));
  assert.deepEqual(fresh.findings, [], "the generated file's init makes the map: nothing to report");
  assert.deepEqual(cached.findings, fresh.findings, "the cached run sees the new file too");
});

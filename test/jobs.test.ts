/**
 * Same input, same output, whatever the number of workers: `--jobs 1` (all on
 * the main thread) and `--jobs 3` (worker pool) must print byte-identical JSON.
 * The same holds for the two parser readers (the native tree export and the
 * tree-sitter binding, GO_HAZARD_NATIVE=0). Every run is `--no-cache`: a
 * result cache filled by the first run would answer the second.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parserInfo } from "../src/parse/parser.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = path.join(repoRoot, "bin", "go-hazard.js");

function lintJson(dir: string, jobs: number, env: NodeJS.ProcessEnv = process.env): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, "lint", "./...", "--cwd", dir, "--format", "json", "--no-cache", "--jobs", String(jobs)], {
    cwd: repoRoot,
    env,
    encoding: "utf8",
    timeout: 300_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

for (const dir of ["testdata", "examples"]) {
  test(`--jobs 1 and --jobs 3 give identical JSON on ${dir}/`, (t) => {
    const abs = path.join(repoRoot, dir);
    if (!fs.existsSync(abs)) {
      t.skip(`${dir}/ does not exist yet`);
      return;
    }
    const one = lintJson(abs, 1);
    const three = lintJson(abs, 3);
    assert.notEqual(one.code, 2, one.stderr);
    assert.equal(three.code, one.code, three.stderr);
    const report = JSON.parse(one.stdout) as { findings: unknown[] };
    assert.ok(report.findings.length > 0, `${dir}/ should have findings (racy fixtures)`);
    assert.equal(three.stdout, one.stdout);
    assert.equal(three.stderr, one.stderr);
  });
}

test("the binding reader (GO_HAZARD_NATIVE=0) gives the same JSON as the native tree export on testdata/", (t) => {
  if (parserInfo.reader !== "native") {
    t.skip(`native tree export: ${parserInfo.reason}`);
    return;
  }
  // The switch itself works: a fresh process with it reads through the binding.
  const parserModule = pathToFileURL(path.join(repoRoot, "dist", "src", "parse", "parser.js")).href;
  const which = spawnSync(process.execPath, ["--input-type=module", "-e", `const m = await import(${JSON.stringify(parserModule)}); process.stdout.write(m.parserInfo.reader);`], {
    encoding: "utf8",
    env: { ...process.env, GO_HAZARD_NATIVE: "0" },
  });
  assert.equal(which.stdout, "binding", which.stderr);
  const dir = path.join(repoRoot, "testdata");
  const native = lintJson(dir, 2);
  const binding = lintJson(dir, 2, { ...process.env, GO_HAZARD_NATIVE: "0" });
  assert.notEqual(native.code, 2, native.stderr);
  assert.ok((JSON.parse(native.stdout) as { findings: unknown[] }).findings.length > 0);
  assert.equal(binding.code, native.code, binding.stderr);
  assert.equal(binding.stdout, native.stdout);
});

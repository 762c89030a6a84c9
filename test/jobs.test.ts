/**
 * Same input, same output, whatever the number of workers: `--jobs 1` (all on
 * the main thread) and `--jobs 3` (worker pool) must print byte-identical JSON.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = path.join(repoRoot, "bin", "go-hazard.js");

function lintJson(dir: string, jobs: number): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, "lint", "./...", "--cwd", dir, "--format", "json", "--jobs", String(jobs)], {
    cwd: repoRoot,
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

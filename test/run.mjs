#!/usr/bin/env node
// Runs every compiled test (dist/test/**/*.test.js) with node's test runner.
// Node 20's `--test` does not expand globs, and its directory form would also
// run helper modules as tests. Compiled tests whose .ts source is gone (stale
// output of a deleted test) are skipped. Extra arguments filter files by
// substring: `npm test -- cli fixtures`.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const distTest = path.join(root, "dist", "test");
const filters = process.argv.slice(2);

function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.name.endsWith(".test.js")) out.push(p);
  }
  return out;
}

const files = walk(distTest)
  .filter((f) => {
    const rel = path.relative(distTest, f);
    return fs.existsSync(path.join(root, "test", rel.replace(/\.js$/, ".ts")));
  })
  .filter((f) => filters.length === 0 || filters.some((s) => path.relative(distTest, f).includes(s)))
  .sort();

if (files.length === 0) {
  console.error("go-hazard tests: no compiled test files found (run `npm run build` first)");
  process.exit(1);
}
const r = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...files], { stdio: "inherit" });
process.exit(r.status ?? 1);

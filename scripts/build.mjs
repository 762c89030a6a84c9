#!/usr/bin/env node
// `npm run build`: tsc, incremental. A no-op build then takes ~3 s instead of
// ~11 s, which matters because installs build more than once (pre-commit runs
// `npm install` and then `npm pack` in its clone, and both run `prepare`).
// tsc trusts its .tsbuildinfo and does not notice deleted outputs, so when a
// compiled file is missing after the incremental build, it builds again from
// scratch.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsc = createRequire(path.join(root, "package.json")).resolve("typescript/bin/tsc");
const buildInfo = path.join(root, "dist", ".tsbuildinfo");

function build() {
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.json")], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Sources (per tsconfig's include) whose .js is missing from dist/. */
function missingOutputs() {
  const missing = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") && !fs.existsSync(path.join(root, "dist", rel.replace(/\.ts$/, ".js")))) missing.push(rel);
    }
  };
  for (const dir of ["src", "rules", "test", "bench"]) if (fs.existsSync(path.join(root, dir))) walk(dir);
  return missing;
}

build();
if (missingOutputs().length > 0) {
  fs.rmSync(buildInfo, { force: true });
  build();
}

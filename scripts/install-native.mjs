#!/usr/bin/env node
// npm's install script: builds the optional native tree export
// (native/tree_export.c) with node-gyp, once. A stamp next to the binary
// records what it was built from (sources, tree-sitter versions, platform);
// when the stamp matches, the build is skipped, so a repeated `npm install`
// costs nothing. node-gyp's output is shown only when the build fails, and a
// failure never fails the install: go-hazard falls back to the tree-sitter
// Node binding (the same results, slower).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
const binary = path.join(root, "build", "Release", "go_hazard_tree.node");
const stampFile = path.join(root, "build", "Release", "go_hazard_tree.stamp");

function stamp() {
  const h = createHash("sha256");
  for (const f of ["native/tree_export.c", "binding.gyp"]) h.update(fs.readFileSync(path.join(root, f)));
  for (const p of ["tree-sitter", "tree-sitter-go"]) {
    const pj = require.resolve(`${p}/package.json`);
    h.update(`${p}@${JSON.parse(fs.readFileSync(pj, "utf8")).version}:${path.dirname(pj)}`);
  }
  h.update(`${process.platform}-${process.arch}`);
  return h.digest("hex");
}

if (process.env.GO_HAZARD_NATIVE === "0") process.exit(0);
// pre-commit installs a node hook in two steps: `npm install` in its clone of
// this repository (only to build dist/ for `npm pack`), then `npm install -g`
// of the packed tarball. The addon is used only from the second, so the first
// one (its own package root, inside pre-commit's NODE_VIRTUAL_ENV) skips it.
if (process.env.NODE_VIRTUAL_ENV && process.env.INIT_CWD && path.resolve(process.env.INIT_CWD) === root && process.env.npm_config_global !== "true") process.exit(0);
let want;
try {
  want = stamp();
} catch (err) {
  console.warn(`go-hazard: native tree export not built (${err.message}); parsing uses the tree-sitter binding, which is slower`);
  process.exit(0);
}
if (fs.existsSync(binary) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8").trim() === want) process.exit(0);

// npm puts its bundled node-gyp on PATH for install scripts.
const r = spawnSync("node-gyp", ["rebuild"], { cwd: root, encoding: "utf8", shell: process.platform === "win32" });
if (r.status === 0 && fs.existsSync(binary)) {
  fs.writeFileSync(stampFile, want + "\n");
  process.exit(0);
}
const log = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim();
if (log) console.warn(log.split("\n").slice(-20).join("\n"));
console.warn(
  `go-hazard: native tree export not built (${r.error ? r.error.message : "node-gyp failed; no C compiler?"}); ` +
    "parsing falls back to the tree-sitter binding, which is slower",
);

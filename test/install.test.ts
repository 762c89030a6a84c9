/**
 * The documented install paths (issue 21, problem 1), for real: the release
 * tarball (`npm pack`, what a GitHub release carries and what the registry
 * will serve) installed into a fresh project, and, when
 * GO_HAZARD_INSTALL_TESTS=git, a git URL (slower: npm builds go-hazard from
 * source in the clone). They need the npm registry for the dependencies.
 */
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { cleanupTemp, GO_MOD, racy, repoRoot, tempDir, writeTree } from "./helpers/cli.js";

after(cleanupTemp);

function run(cmd: string, args: string[], cwd: string): { code: number; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 600_000, env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" } });
  return { code: r.status ?? -1, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/** A fresh project with go-hazard installed from `spec`, and a racy Go module in go/. */
function installed(...specs: string[]): string {
  const proj = tempDir("go-hazard-install-");
  writeTree(proj, { "package.json": '{"private":true}\n', "go/go.mod": GO_MOD, "go/index.go": racy() });
  const r = run("npm", ["install", "--no-save", ...specs], proj);
  assert.equal(r.code, 0, r.out);
  return proj;
}

function checkInstalled(proj: string): void {
  const bin = path.join(proj, "node_modules", ".bin", "go-hazard");
  const lint = run(bin, ["lint", "--no-cache", "-C", "go"], proj);
  assert.equal(lint.code, 1, lint.out);
  assert.match(lint.out, /\[map-race\]/);
  const doc = run(bin, ["rules", "map-race"], proj);
  assert.equal(doc.code, 0, doc.out);
  // The plugin loads from CommonJS and from an ES module, as docs/eslint.md says.
  const cjs = run(process.execPath, ["-e", 'process.exit(typeof require("go-hazard").configs.recommended === "object" ? 0 : 1)'], proj);
  assert.equal(cjs.code, 0, cjs.out);
  const esm = run(process.execPath, ["--input-type=module", "-e", 'import g from "go-hazard"; process.exit(g.configs.recommended ? 0 : 1)'], proj);
  assert.equal(esm.code, 0, esm.out);
}

let tarball = "";
let packed: string[] = [];
before(() => {
  const dest = tempDir("go-hazard-pack-");
  const pack = spawnSync("npm", ["pack", "--json", "--pack-destination", dest], { cwd: repoRoot, encoding: "utf8", timeout: 600_000 });
  assert.equal(pack.status, 0, pack.stderr);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(dest, info!.filename);
  packed = info!.files.map((f) => f.path);
});

test("the release tarball (npm pack): only what users need, and it installs and runs", () => {
  const files = packed;
  assert.ok(files.includes("dist/src/cli/main.js") && files.includes("cjs/plugin.cjs") && files.includes("scripts/install-native.mjs"));
  assert.deepEqual(files.filter((f) => f.startsWith("dist/test/") || f.startsWith("dist/bench/") || f.startsWith("test/")), []);

  const proj = installed(tarball);
  checkInstalled(proj);
  // The native addon is built at most once: a stamp records what it was built
  // from, and the install script skips the build when it matches.
  const pkgDir = path.join(proj, "node_modules", "go-hazard");
  if (fs.existsSync(path.join(pkgDir, "build", "Release", "go_hazard_tree.node"))) {
    assert.ok(fs.existsSync(path.join(pkgDir, "build", "Release", "go_hazard_tree.stamp")));
    const again = run(process.execPath, [path.join(pkgDir, "scripts", "install-native.mjs")], pkgDir);
    assert.equal(again.code, 0);
    assert.equal(again.out, "", "nothing printed when the addon is up to date");
  }
});

test("in a project on ESLint 9, go-hazard uses that ESLint (a peer dependency, no second copy)", () => {
  const proj = installed("eslint@9", tarball);
  checkInstalled(proj);
  const version = (JSON.parse(fs.readFileSync(path.join(proj, "node_modules", "eslint", "package.json"), "utf8")) as { version: string }).version;
  assert.match(version, /^9\./);
  assert.equal(fs.existsSync(path.join(proj, "node_modules", "go-hazard", "node_modules", "eslint")), false, "a nested ESLint");
});

const gitTests = (process.env.GO_HAZARD_INSTALL_TESTS ?? "").split(",").includes("git");

test("a git URL (npm builds go-hazard in the clone)", { skip: !gitTests && "set GO_HAZARD_INSTALL_TESTS=git to run it (about a minute)" }, () => {
  const head = run("git", ["rev-parse", "HEAD"], repoRoot).out.trim();
  checkInstalled(installed(`git+file://${repoRoot}#${head}`));
});

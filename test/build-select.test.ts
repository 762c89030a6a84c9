/**
 * Choosing files by build constraints (issue 21, problem 4): a file no build
 * could select (`//go:build !go1.9` in a module that needs Go 1.11) is never
 * analysed next to the file that replaced it; --goos/--goarch/--tags narrow
 * the choice to one platform as the go tool would.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { buildable, fileNameConstraint } from "../src/loader/build-select.js";
import { parseGoBuildExpr } from "../src/loader/build-constraints.js";
import { cli, cleanupTemp, json, racy, tempTree } from "./helpers/cli.js";

after(cleanupTemp);

const expr = (s: string) => parseGoBuildExpr(s);
const min = (version: string) => ({ version, exact: false });

test("file names: _GOOS, _GOARCH, _GOOS_GOARCH after the first underscore, before _test", () => {
  assert.deepEqual(fileNameConstraint("linux.go"), {});
  assert.deepEqual(fileNameConstraint("conn_windows.go"), { goos: "windows" });
  assert.deepEqual(fileNameConstraint("x_linux_amd64_test.go"), { goos: "linux", goarch: "amd64" });
  assert.deepEqual(fileNameConstraint("asm_arm64.go"), { goarch: "arm64" });
  assert.deepEqual(fileNameConstraint("sync_map_1_8.go"), {});
});

test("every platform (the default): only files no build could select are left out", () => {
  assert.equal(buildable("a.go", expr("!go1.9"), min("1.11"), {}), false);
  assert.equal(buildable("a.go", expr("go1.9"), min("1.11"), {}), true);
  assert.equal(buildable("a.go", expr("go1.22"), min("1.21"), {}), true, "a newer toolchain may build a go 1.21 module");
  assert.equal(buildable("a.go", expr("go1.22"), { version: "1.21", exact: true }, {}), false, "--go-version fixes the toolchain");
  assert.equal(buildable("a.go", expr("!go1.22"), { version: "1.22.3", exact: true }, {}), false);
  assert.equal(buildable("a.go", expr("!go1.9"), null, {}), true, "no Go version: release tags are free");
  assert.equal(buildable("a.go", expr("ignore"), min("1.22"), {}), false);
  assert.equal(buildable("a.go", expr("!ignore"), min("1.22"), {}), true);
  assert.equal(buildable("a.go", expr("linux || windows"), min("1.22"), {}), true);
  assert.equal(buildable("a.go", expr("linux && windows"), min("1.22"), {}), false);
  assert.equal(buildable("a_windows.go", expr("linux"), min("1.22"), {}), false, "the file name is a constraint too");
  assert.equal(buildable("a_android.go", expr("linux"), min("1.22"), {}), true, "android builds linux files");
  assert.equal(buildable("a.go", expr("unix && !linux"), min("1.22"), {}), true);
  assert.equal(buildable("a_windows.go", expr("unix"), min("1.22"), {}), false);
  assert.equal(buildable("a.go", expr("integration && !integration"), min("1.22"), {}), false);
  assert.equal(buildable("a.go", expr("integration"), min("1.22"), {}), true);
});

test("a fixed platform and tag set: what the go tool would build", () => {
  const linux = { goos: "linux", goarch: "amd64" };
  assert.equal(buildable("a_windows.go", null, min("1.22"), linux), false);
  assert.equal(buildable("a_linux.go", null, min("1.22"), linux), true);
  assert.equal(buildable("a_arm64.go", null, min("1.22"), linux), false);
  assert.equal(buildable("a.go", expr("darwin"), min("1.22"), linux), false);
  assert.equal(buildable("a.go", expr("unix"), min("1.22"), linux), true);
  assert.equal(buildable("a.go", expr("integration"), min("1.22"), { tags: [] }), false);
  assert.equal(buildable("a.go", expr("integration"), min("1.22"), { tags: ["integration"] }), true);
  assert.equal(buildable("a.go", expr("!integration"), min("1.22"), { tags: ["integration"] }), false);
  assert.equal(buildable("a_windows.go", null, min("1.22"), { tags: ["x"] }), true, "tags alone leave the platform free");
});

const mod = (goLine: string): string => `module example.com/app\n\ngo ${goLine}\n`;

function findingFiles(args: string[], cwd: string): string[] {
  const r = cli(["lint", "--format", "json", "--no-cache", ...args], { cwd });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return [...new Set(json(r).findings.map((f) => f.file))].sort();
}

test("CLI: a !go1.9 file is not analysed in a go 1.11 module (aws-sdk-go's sync_map_1_8.go)", () => {
  const root = tempTree({
    "go.mod": mod("1.11"),
    "sync_map.go": "//go:build go1.9\n\n" + racy("app", "Store"),
    "sync_map_1_8.go": "//go:build !go1.9\n// +build !go1.9\n\n" + racy("app", "Old"),
  });
  assert.deepEqual(findingFiles([], root), ["sync_map.go"]);
  // --go-version moves the release tags with it.
  assert.deepEqual(findingFiles(["--go-version", "1.8"], root), ["sync_map_1_8.go"]);
});

test("CLI: --goos/--goarch/--tags and the config keys choose one platform; the default keeps all", () => {
  const root = tempTree({
    "go.mod": mod("1.22"),
    "conn_linux.go": racy("app", "L"),
    "conn_windows.go": racy("app", "W"),
    "conn_arm64.go": racy("app", "A"),
    "itest.go": "//go:build integration\n\n" + racy("app", "I"),
  });
  assert.deepEqual(findingFiles([], root), ["conn_arm64.go", "conn_linux.go", "conn_windows.go", "itest.go"]);
  assert.deepEqual(findingFiles(["--goos", "linux", "--goarch", "amd64"], root), ["conn_linux.go", "itest.go"]);
  assert.deepEqual(findingFiles(["--goos", "windows", "--tags", "a,b"], root), ["conn_arm64.go", "conn_windows.go"]);
  assert.deepEqual(findingFiles(["--goos", "windows", "--tags", "integration"], root), ["conn_arm64.go", "conn_windows.go", "itest.go"]);
  const cfg = tempTree({ ".go-hazard.yaml": "goos: linux\ngoarch: arm64\ntags: []\n" });
  assert.deepEqual(findingFiles(["--config", `${cfg}/.go-hazard.yaml`], root), ["conn_arm64.go", "conn_linux.go"]);
  const bad = cli(["lint", "--goos", "linxu"], { cwd: root });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /bad --goos "linxu"/);
});

/**
 * SARIF paths are relative to the repository (issue 21, problem 3): code
 * scanning resolves `%SRCROOT%`-based URIs against the repository root, so a
 * run in a subdirectory (`-C internal`, the Action's `working-directory`, one
 * module of a monorepo) must still say `internal/racy/racy.go`.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { cli, cleanupTemp, git, GO_MOD, hasGit, racy, tempTree } from "./helpers/cli.js";

after(cleanupTemp);

interface Log {
  runs: {
    originalUriBaseIds: Record<string, { uri: string }>;
    artifacts: { location: { uri: string; uriBaseId?: string } }[];
    results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[];
    invocations: { workingDirectory: { uri: string } }[];
  }[];
}

function sarif(args: string[], cwd: string): Log {
  const r = cli(["lint", "--format", "sarif", ...args], { cwd });
  assert.equal(r.code, 1, r.stderr);
  return JSON.parse(r.stdout) as Log;
}

function uris(log: Log): string[] {
  return log.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri);
}

const dirUri = (p: string): string => pathToFileURL(p).href + "/";

/** A repository with the module in internal/, as in the issue. */
function repo(): string {
  const root = tempTree({ "internal/go.mod": GO_MOD, "internal/racy/racy.go": racy("racy") });
  git(root, "init", "-q");
  return root;
}

test("-C internal in a git repository: URIs relative to the top level, %SRCROOT% the top level", { skip: !hasGit() && "git not found" }, () => {
  const root = repo();
  const log = sarif(["-C", "internal"], root);
  assert.deepEqual(uris(log), ["internal/racy/racy.go"]);
  assert.equal(log.runs[0]!.originalUriBaseIds["%SRCROOT%"]!.uri, dirUri(root));
  assert.deepEqual(log.runs[0]!.artifacts.map((a) => a.location), [{ uri: "internal/racy/racy.go", uriBaseId: "%SRCROOT%" }]);
  // The working directory still says where the run happened.
  assert.equal(log.runs[0]!.invocations[0]!.workingDirectory.uri, dirUri(path.join(root, "internal")));
});

test("started inside a subdirectory (the Action's working-directory): the same URIs", { skip: !hasGit() && "git not found" }, () => {
  const root = repo();
  const log = sarif([], path.join(root, "internal"));
  assert.deepEqual(uris(log), ["internal/racy/racy.go"]);
  assert.equal(log.runs[0]!.originalUriBaseIds["%SRCROOT%"]!.uri, dirUri(root));
});

test("monorepo: each module's run names files from the repository root", { skip: !hasGit() && "git not found" }, () => {
  const root = tempTree({
    "services/a/go.mod": GO_MOD,
    "services/a/a.go": racy("app"),
    "services/b/go.mod": GO_MOD,
    "services/b/pkg/b.go": racy("pkg"),
  });
  git(root, "init", "-q");
  assert.deepEqual(uris(sarif(["-C", "services/a"], root)), ["services/a/a.go"]);
  assert.deepEqual(uris(sarif([], path.join(root, "services", "b"))), ["services/b/pkg/b.go"]);
});

test("--sarif-root names the root explicitly, with or without git", () => {
  const root = tempTree({ "internal/go.mod": GO_MOD, "internal/racy/racy.go": racy("racy") });
  const log = sarif(["-C", "internal", "--sarif-root", "."], root);
  assert.deepEqual(uris(log), ["internal/racy/racy.go"]);
  assert.equal(log.runs[0]!.originalUriBaseIds["%SRCROOT%"]!.uri, dirUri(root));
  // A run root outside the SARIF root is a usage error, before any work.
  const bad = cli(["lint", "--format", "sarif", "--sarif-root", "racy"], { cwd: path.join(root, "internal") });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--sarif-root racy: the run root .* is not inside it/);
  const missing = cli(["lint", "--format", "sarif", "--sarif-root", "nope"], { cwd: root });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--sarif-root nope: not a directory/);
});

test("outside git and without --sarif-root: relative to the run root, as before", () => {
  const root = tempTree({ "internal/go.mod": GO_MOD, "internal/racy/racy.go": racy("racy") });
  const log = sarif(["-C", "internal"], root);
  assert.deepEqual(uris(log), ["racy/racy.go"]);
  assert.equal(log.runs[0]!.originalUriBaseIds["%SRCROOT%"]!.uri, dirUri(path.join(root, "internal")));
});

test("GitLab Code Quality uses the same repository-relative paths", { skip: !hasGit() && "git not found" }, () => {
  const root = repo();
  const r = cli(["lint", "--format", "gitlab", "-C", "internal"], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  const issues = JSON.parse(r.stdout) as { location: { path: string } }[];
  assert.deepEqual([...new Set(issues.map((i) => i.location.path))], ["internal/racy/racy.go"]);
});

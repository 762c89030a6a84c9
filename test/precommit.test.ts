/**
 * The pre-commit hook end to end, the way a Go repository adopts it: a
 * `.pre-commit-config.yaml` pointing at a clone of this repository (HEAD:
 * commit what you want tested), `pre-commit install`, then `git commit`.
 * pre-commit installs the hook with npm (install + build, pack, install -g),
 * which takes a minute or two; it is done once for the whole file.
 *
 * Skipped, with a message, when pre-commit or git is not installed
 * (`.ci/run` installs pre-commit).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { cleanupTemp, clean, GO_MOD, git, hasGit, racy, repoRoot, tempDir } from "./helpers/cli.js";

const havePreCommit = spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;
const skip = !hasGit()
  ? "git is not installed"
  : !havePreCommit
    ? "pre-commit is not on PATH (apt-get install pre-commit, or pip install pre-commit); .ci/run installs it"
    : false;
if (skip) console.log(`# precommit.test: skipped: ${skip}`);

let work = "";
let repo = "";
let env: NodeJS.ProcessEnv = {};
let installError = "";

after(cleanupTemp);

function run(cmd: string, args: string[], cwd: string, timeout = 120_000): { code: number; out: string } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout });
  return { code: r.status ?? -1, out: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}

before(
  () => {
    if (skip) return;
    work = tempDir("go-hazard-precommit-");
    const clone = path.join(work, "go-hazard");
    git(work, "clone", "--quiet", repoRoot, clone);
    const sha = git(clone, "rev-parse", "HEAD").trim();
    assert.ok(fs.existsSync(path.join(clone, ".pre-commit-hooks.yaml")), "HEAD has .pre-commit-hooks.yaml (commit it first)");

    repo = path.join(work, "service");
    fs.mkdirSync(repo);
    env = {
      ...process.env,
      PRE_COMMIT_HOME: path.join(work, "pre-commit-home"),
      XDG_CACHE_HOME: path.join(work, "xdg-cache"),
      PRE_COMMIT_COLOR: "never",
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
      // Reuse npm's local cache where it can: the hook's npm install is the slow part.
      npm_config_prefer_offline: "true",
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
    };
    git(repo, "init", "--quiet");
    fs.writeFileSync(
      path.join(repo, ".pre-commit-config.yaml"),
      `repos:\n  - repo: ${clone}\n    rev: ${sha}\n    hooks:\n      - id: go-hazard\n`,
    );
    fs.writeFileSync(path.join(repo, "go.mod"), GO_MOD);
    git(repo, "add", ".");
    git(repo, "commit", "--quiet", "-m", "init");
    const manifest = run("pre-commit", ["validate-manifest", path.join(clone, ".pre-commit-hooks.yaml")], repo);
    if (manifest.code !== 0) installError = manifest.out;
    const install = run("pre-commit", ["install"], repo);
    if (install.code !== 0) installError += install.out;
    const hooks = run("pre-commit", ["install-hooks"], repo, 15 * 60_000);
    if (hooks.code !== 0) installError += hooks.out;
  },
  { timeout: 16 * 60_000 },
);

function commit(file: string, text: string): { code: number; out: string } {
  fs.writeFileSync(path.join(repo, file), text);
  git(repo, "add", file);
  return run("git", ["commit", "-m", `add ${file}`], repo, 5 * 60_000);
}

test("pre-commit: a commit adding a map written from goroutines is blocked and the finding shown", { skip, timeout: 10 * 60_000 }, () => {
  assert.equal(installError, "", `pre-commit could not install the hook:\n${installError}`);
  const r = commit("index.go", racy());
  assert.notEqual(r.code, 0, `the commit should be blocked:\n${r.out}`);
  assert.match(r.out, /go-hazard\.*Failed/);
  assert.match(r.out, /index\.go:12:\d+: error: .*\[map-race\]/);
  // Not committed: the file is still staged.
  assert.match(git(repo, "status", "--porcelain"), /^A\s+index\.go$/m);
});

test("pre-commit: a clean commit passes", { skip, timeout: 10 * 60_000 }, () => {
  assert.equal(installError, "");
  const r = commit("index.go", clean());
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /go-hazard\.*Passed/);
});

test("pre-commit: a //nolint:go-hazard line lets the commit through", { skip, timeout: 10 * 60_000 }, () => {
  assert.equal(installError, "");
  const r = commit("other.go", racy("app", "Other").replace("m[id] = id * 2", "m[id] = id * 2 //nolint:go-hazard // ids are unique per goroutine"));
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /go-hazard\.*Passed/);
});

test("pre-commit: files under testdata/ and vendor/ are left out by the hook's default exclude", { skip, timeout: 10 * 60_000 }, () => {
  assert.equal(installError, "");
  fs.mkdirSync(path.join(repo, "testdata", "fixture"), { recursive: true });
  const r = commit(path.join("testdata", "fixture", "racy.go"), racy("fixture"));
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /go-hazard\.*\(no files to check\)Skipped/);
});

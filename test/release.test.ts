/**
 * scripts/release.mjs, run in a throw-away repository: the version bump, the
 * changelog section and the tag that the release workflow starts from.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { cleanupTemp, git, hasGit, repoRoot, tempTree } from "./helpers/cli.js";

after(cleanupTemp);

const script = path.join(repoRoot, "scripts", "release.mjs");
const gitEnv = { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };

function release(cwd: string, version: string): { code: number; out: string } {
  const r = spawnSync(process.execPath, [script, version], { cwd, encoding: "utf8", env: { ...process.env, ...gitEnv, GO_HAZARD_RELEASE_DATE: "2026-12-07" } });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

function repo(changelog: string): string {
  const root = tempTree({
    "package.json": JSON.stringify({ name: "go-hazard", version: "0.1.0" }, null, 2) + "\n",
    "package-lock.json": JSON.stringify({ name: "go-hazard", version: "0.1.0", packages: { "": { version: "0.1.0" } } }, null, 2) + "\n",
    "CHANGELOG.md": changelog,
  });
  git(root, "init", "-q");
  git(root, "add", "-A");
  git(root, "commit", "-qm", "init");
  return root;
}

test("release X.Y.Z: version, changelog section, commit and annotated tag", { skip: !hasGit() && "git not found" }, () => {
  const root = repo("# Changelog\n\n## Unreleased\n\n### Added\n- a thing\n\n## 0.1.0\n\nFirst.\n");
  const r = release(root, "0.2.0");
  assert.equal(r.code, 0, r.out);
  assert.equal((JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version, "0.2.0");
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as { version: string; packages: Record<string, { version: string }> };
  assert.equal(lock.version, "0.2.0");
  assert.equal(lock.packages[""]!.version, "0.2.0");
  assert.equal(
    fs.readFileSync(path.join(root, "CHANGELOG.md"), "utf8"),
    "# Changelog\n\n## Unreleased\n\n## 0.2.0 - 2026-12-07\n\n### Added\n- a thing\n\n## 0.1.0\n\nFirst.\n",
  );
  assert.equal(git(root, "describe", "--exact-match", "HEAD").trim(), "v0.2.0");
  assert.equal(git(root, "status", "--porcelain"), "");
  // Once more with the same version: refused, nothing changed.
  const again = release(root, "0.2.0");
  assert.equal(again.code, 2);
  assert.match(again.out, /tag v0.2.0 exists already/);
});

test("refused without changelog entries, with a bad version, or with uncommitted changes", { skip: !hasGit() && "git not found" }, () => {
  const empty = repo("# Changelog\n\n## Unreleased\n\n## 0.1.0\n");
  assert.match(release(empty, "0.2.0").out, /no "## Unreleased" section with entries/);
  assert.match(release(empty, "v0.2").out, /usage: node scripts\/release.mjs X.Y.Z/);
  fs.writeFileSync(path.join(empty, "x"), "");
  assert.match(release(empty, "0.2.0").out, /uncommitted changes/);
  assert.equal(git(empty, "tag", "--list"), "");
});

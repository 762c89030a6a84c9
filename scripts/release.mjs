#!/usr/bin/env node
// Prepares a release in the current directory's repository:
//   node scripts/release.mjs 0.2.0
// sets the version in package.json (and package-lock.json), turns the
// changelog's "Unreleased" section into "0.2.0 - <date>" under a new empty
// "Unreleased", commits both and tags v0.2.0. Pushing the tag starts
// .github/workflows/release.yml, which tests, packs, attaches the tarball to
// a GitHub release and publishes with provenance. docs/releasing.md has the
// whole procedure.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const version = process.argv[2] ?? "";
const date = process.env.GO_HAZARD_RELEASE_DATE ?? new Date().toISOString().slice(0, 10);
const fail = (msg) => {
  console.error(`release: ${msg}`);
  process.exit(2);
};
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) fail(`usage: node scripts/release.mjs X.Y.Z (got "${version}")`);

const git = (...args) => execFileSync("git", args, { encoding: "utf8" }).trim();
if (git("status", "--porcelain") !== "") fail("the work tree has uncommitted changes");
if (git("tag", "--list", `v${version}`) !== "") fail(`tag v${version} exists already`);

const pkgFile = path.resolve("package.json");
const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
if (pkg.version === version) fail(`package.json is at ${version} already`);

const changelogFile = path.resolve("CHANGELOG.md");
const changelog = fs.readFileSync(changelogFile, "utf8");
const unreleased = /^## Unreleased\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(changelog);
if (!unreleased || unreleased[1].trim() === "") fail('CHANGELOG.md has no "## Unreleased" section with entries');

pkg.version = version;
fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + "\n");
const lockFile = path.resolve("package-lock.json");
if (fs.existsSync(lockFile)) {
  const lock = JSON.parse(fs.readFileSync(lockFile, "utf8"));
  lock.version = version;
  if (lock.packages?.[""]) lock.packages[""].version = version;
  fs.writeFileSync(lockFile, JSON.stringify(lock, null, 2) + "\n");
}
fs.writeFileSync(changelogFile, changelog.replace(/^## Unreleased\n/m, `## Unreleased\n\n## ${version} - ${date}\n`));

git("add", "package.json", "CHANGELOG.md", ...(fs.existsSync(lockFile) ? ["package-lock.json"] : []));
git("commit", "-q", "-m", `Release ${version}`);
git("tag", "-a", `v${version}`, "-m", `go-hazard ${version}`);
console.log(`release: committed and tagged v${version}; push with: git push origin HEAD v${version}`);

/**
 * Source trees extracted from a mirror at one commit, cached by commit under
 * the work directory (`<work>/trees/<owner>+<name>/<sha>`): a commit's tree
 * never changes, so a tree extracted once is reused by every later run.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { missingBlobs } from "./git.js";

export const DEFAULT_WORK = path.join(os.tmpdir(), "go-hazard-corpus");

/** Written last, so a tree without it is a half-finished extraction. */
const DONE = ".go-hazard-extracted.json";

export interface Tree {
  dir: string;
  /** Files of the commit the mirror lacks, left out of the tree. */
  missing: string[];
}

export function extractTree(mirror: string, repo: string, commit: string, work: string): Tree {
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new Error(`${repo}: not a full commit id: ${commit}`);
  const dir = path.join(work, "trees", repo.replace("/", "+"), commit);
  const done = path.join(dir, DONE);
  if (fs.existsSync(done)) return { dir, missing: (JSON.parse(fs.readFileSync(done, "utf8")) as { missing: string[] }).missing };

  const missing = missingBlobs(mirror, commit);
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  // `git archive <sha> | tar -x`, through a file so that git's exit status is
  // seen. The missing blobs are excluded by literal pathspecs; git (2.39)
  // still prints an error for each, but writes the rest of the tree and
  // exits 0. Without the exclusions it stops at the first missing blob.
  const pathspecs = missing.length > 0 ? ["--", ".", ...missing.map((p) => `:(exclude,literal)${p}`)] : [];
  const tarFile = `${partial}.tar`;
  const out = fs.openSync(tarFile, "w");
  const archive = spawnSync("git", [`--git-dir=${mirror}`, "archive", commit, ...pathspecs], { stdio: ["ignore", out, "pipe"], encoding: "utf8" });
  fs.closeSync(out);
  const untar = archive.status === 0 ? spawnSync("tar", ["-x", "-f", tarFile, "-C", partial], { encoding: "utf8" }) : null;
  fs.rmSync(tarFile, { force: true });
  if (archive.status !== 0 || untar?.status !== 0) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw new Error(`${repo}@${commit.slice(0, 12)}: extraction failed: ${(archive.status !== 0 ? archive.stderr : untar?.stderr ?? "").trim()}`);
  }
  fs.writeFileSync(path.join(partial, DONE), JSON.stringify({ repo, commit, missing }) + "\n");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return { dir, missing };
}

/** Go files the extraction had to leave out: the lint of their package is incomplete. */
export function missingGoFiles(tree: Tree): string[] {
  return tree.missing.filter((p) => p.endsWith(".go"));
}

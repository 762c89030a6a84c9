/**
 * The few git operations the corpus and dev-set scripts need, all against a
 * bare mirror (no work tree): `<mirrors>/<owner>+<name>/repo`. Nothing here
 * writes to the mirror.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

/** The mirror of `owner/name` under `mirrors`, or an error naming what is missing. */
export function mirrorOf(mirrors: string, repo: string): string {
  const dir = path.join(mirrors, repo.replace("/", "+"), "repo");
  if (!fs.existsSync(path.join(dir, "HEAD"))) throw new Error(`no git mirror for ${repo} at ${dir}`);
  return dir;
}

/** Runs git on a mirror and returns stdout; throws with git's stderr on failure. */
export function git(mirror: string, args: string[], input?: string): string {
  const r = spawnSync("git", [`--git-dir=${mirror}`, ...args], {
    encoding: "utf8",
    input,
    maxBuffer: 1 << 30,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** The lines of `file` at `commit`, or null when the file is not in that commit. */
export function fileLines(mirror: string, commit: string, file: string): string[] | null {
  const r = spawnSync("git", [`--git-dir=${mirror}`, "show", `${commit}:${file}`], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) return null;
  return r.stdout.split("\n");
}

/**
 * Paths of the blobs of `commit` that the mirror does not hold. The mirrors
 * were fetched without their largest files (test archives, wasm), and
 * `git archive` stops at the first missing blob, so extraction leaves these out.
 */
export function missingBlobs(mirror: string, commit: string): string[] {
  const entries = git(mirror, ["ls-tree", "-r", "-z", commit])
    .split("\0")
    .filter((e) => e.length > 0)
    .map((e) => {
      // "<mode> <type> <object>\t<path>"
      const tab = e.indexOf("\t");
      const [, type, object] = e.slice(0, tab).split(" ");
      return { type: type!, object: object!, path: e.slice(tab + 1) };
    })
    .filter((e) => e.type === "blob");
  if (entries.length === 0) return [];
  // One object per line in, one answer per line out, in order: "<object> missing" or "<object>".
  const answers = git(mirror, ["cat-file", "--batch-check=%(objectname)"], entries.map((e) => e.object).join("\n") + "\n")
    .split("\n")
    .slice(0, entries.length);
  return entries.filter((_, i) => answers[i]!.endsWith(" missing")).map((e) => e.path);
}

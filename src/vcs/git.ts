/**
 * What changed since a revision, from git: for each changed .go file (path
 * relative to the run root), the changed lines of its current text, or
 * "all" for a file that is new (untracked, or added since the revision).
 * Errors (no git, not a repository, unknown revision) are UsageErrors.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "../usage-error.js";

export type ChangedLines = Set<number> | "all";

export interface ChangeSet {
  /** The revision, resolved to a commit id. */
  commit: string;
  /** Run-relative path (forward slashes) → changed lines of the working-tree text. */
  files: Map<string, ChangedLines>;
}

function git(args: string[], cwd: string): { ok: boolean; stdout: string; stderr: string; missing: boolean } {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" } });
  if (r.error) return { ok: false, stdout: "", stderr: String(r.error), missing: (r.error as NodeJS.ErrnoException).code === "ENOENT" };
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr, missing: false };
}

/** Undoes git's C-style quoting of unusual path names (`"a\\tb.go"`). */
export function unquoteGitPath(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"')) return s;
  const body = s.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const n = body[++i]!;
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      const map: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, "\\": 92 };
      bytes.push(map[n] ?? n.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/**
 * Parses `git diff --unified=0` output: new-side path → changed lines. A
 * pure deletion marks the lines on both sides of the gap, so the enclosing
 * function counts as changed.
 */
export function parseUnifiedDiff(diff: string): Map<string, ChangedLines> {
  const out = new Map<string, ChangedLines>();
  let current: Set<number> | null = null;
  let newFile = false;
  for (const line of diff.split("\n")) {
    if (line.startsWith("diff --git ")) {
      current = null;
      newFile = false;
      continue;
    }
    if (line.startsWith("new file mode")) {
      newFile = true;
      continue;
    }
    if (line.startsWith("+++ ")) {
      const target = line.slice(4).replace(/\t$/, "");
      if (target === "/dev/null") {
        current = null;
        continue;
      }
      const p = unquoteGitPath(target);
      const rel = p.startsWith("b/") ? p.slice(2) : p;
      if (newFile) {
        out.set(rel, "all");
        current = null;
      } else {
        const prev = out.get(rel);
        current = prev instanceof Set ? prev : new Set();
        if (prev !== "all") out.set(rel, current);
      }
      continue;
    }
    const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (m && current) {
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      if (count === 0) {
        current.add(Math.max(1, start));
        current.add(start + 1);
      } else {
        for (let l = start; l < start + count; l++) current.add(l);
      }
    }
  }
  return out;
}

/** Changed .go files and lines between `rev` and the working tree (staged and unstaged), plus untracked .go files. */
export function changedSince(rev: string, runRoot: string): ChangeSet {
  if (rev.trim() === "" || rev.startsWith("-")) throw new UsageError(`--new-from-rev "${rev}": not a revision`);
  const top = git(["rev-parse", "--show-toplevel"], runRoot);
  if (top.missing) throw new UsageError("--new-from-rev needs git, and git was not found on PATH");
  if (!top.ok) throw new UsageError(`--new-from-rev: ${runRoot} is not inside a git work tree`);
  const toplevel = top.stdout.trim();
  const commit = git(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], toplevel);
  if (!commit.ok || commit.stdout.trim() === "") throw new UsageError(`--new-from-rev "${rev}": unknown revision`);
  const sha = commit.stdout.trim();

  const diff = git(
    [
      "-c",
      "core.quotePath=false",
      "diff",
      "--no-color",
      "--no-ext-diff",
      "--no-textconv",
      "--unified=0",
      "-M",
      "--src-prefix=a/",
      "--dst-prefix=b/",
      sha,
      "--",
      "*.go",
    ],
    toplevel,
  );
  if (!diff.ok) throw new UsageError(`--new-from-rev "${rev}": git diff failed: ${diff.stderr.trim().split("\n")[0] ?? ""}`);
  const byTop = parseUnifiedDiff(diff.stdout);
  const untracked = git(["ls-files", "--others", "--exclude-standard", "-z", "--", "*.go"], toplevel);
  if (untracked.ok) for (const f of untracked.stdout.split("\0")) if (f) byTop.set(f, "all");

  // Paths relative to the top level → relative to the run root (which may be below it, or reached through a link).
  let realRoot: string;
  let realTop: string;
  try {
    realRoot = fs.realpathSync(runRoot);
    realTop = fs.realpathSync(toplevel);
  } catch {
    realRoot = path.resolve(runRoot);
    realTop = path.resolve(toplevel);
  }
  const files = new Map<string, ChangedLines>();
  for (const [rel, lines] of byTop) {
    const abs = path.join(realTop, ...rel.split("/"));
    const r = path.relative(realRoot, abs).split(path.sep).join("/");
    if (r.startsWith("../") || r === ".." || path.isAbsolute(r)) continue;
    files.set(r, lines);
  }
  return { commit: sha, files };
}

/** The real path of the git work tree that holds `dir`, or null (not in one, or no git). */
export function gitTopLevel(dir: string): string | null {
  const top = git(["rev-parse", "--show-toplevel"], dir);
  if (!top.ok) return null;
  const t = top.stdout.trim();
  if (t === "") return null;
  try {
    return fs.realpathSync(t);
  } catch {
    return null;
  }
}

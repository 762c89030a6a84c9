/**
 * The race-fix dev set (docs/precision/race-fixes/<owner>+<name>.json): for
 * each repository, every commit a fixed `git log --grep` query returns, either
 * kept as a fix of a map or slice race (with the racy lines of its parent) or
 * excluded with a reason. The format is described in docs/precision/README.md.
 * This module reads the files and checks them against the mirrors; it never
 * changes a judgement.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileLines, git } from "./git.js";

export interface Racy {
  file: string;
  line: number;
  text: string;
}

export interface Fix {
  id: string;
  fix: string;
  parent: string;
  subject: string;
  kind: "map" | "slice";
  scope: "prod" | "test";
  packages: string[];
  racy: Racy[];
  note: string;
}

export interface Excluded {
  fix: string;
  subject: string;
  category: string;
  reason: string;
}

export interface DevsetFile {
  repo: string;
  pinned: string;
  query: string;
  hits: number;
  fixes: Fix[];
  excluded: Excluded[];
}

/** Every dev-set file in `dir`, in name order; a file whose counts don't add up throws. */
export function readDevset(dir: string): DevsetFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const file = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as DevsetFile;
      if (file.fixes.length + file.excluded.length !== file.hits) {
        throw new Error(`${f}: ${file.fixes.length} fixes + ${file.excluded.length} excluded != ${file.hits} hits`);
      }
      return file;
    });
}

/** One way a fix's record disagrees with the mirror. */
export interface Mismatch {
  id: string;
  problem: string;
}

/**
 * Checks a fix against its repository: the parent is the fix's first parent,
 * and every racy line's text is that line of the parent's file (trimmed), as
 * the format requires. Mismatches are reported, not repaired.
 */
export function verifyFix(mirror: string, fix: Fix): Mismatch[] {
  const out: Mismatch[] = [];
  const firstParent = git(mirror, ["rev-parse", `${fix.fix}^1`]).trim();
  if (firstParent !== fix.parent) out.push({ id: fix.id, problem: `parent ${fix.parent} is not the first parent of ${fix.fix} (${firstParent})` });
  const files = new Map<string, string[] | null>();
  for (const r of fix.racy) {
    if (!files.has(r.file)) files.set(r.file, fileLines(mirror, fix.parent, r.file));
    const lines = files.get(r.file)!;
    if (lines === null) {
      out.push({ id: fix.id, problem: `${r.file} is not in the parent` });
      continue;
    }
    const actual = lines[r.line - 1]?.trim();
    if (actual !== r.text) {
      out.push({ id: fix.id, problem: `${r.file}:${r.line}: expected "${r.text}", the parent has "${actual ?? "(past the end)"}"` });
    }
  }
  const dirs = fix.packages.map(normalDir);
  for (const dir of dirs) {
    if (!fix.racy.some((r) => path.posix.dirname(r.file) === dir)) out.push({ id: fix.id, problem: `package ${dir} holds none of the racy files` });
  }
  for (const r of fix.racy) {
    if (!dirs.includes(path.posix.dirname(r.file))) out.push({ id: fix.id, problem: `racy file ${r.file} is in none of the packages` });
  }
  return out;
}

/** The repository root may be written "" or "."; path.posix.dirname says ".". */
export function normalDir(dir: string): string {
  return dir === "" ? "." : dir;
}

/**
 * Checks that the file judges exactly the commits its query returns: the same
 * query, run again from the pin, must print `hits` commits, each of them once
 * in `fixes` or `excluded`.
 */
export function verifyCoverage(mirror: string, file: DevsetFile): string[] {
  const hits = git(mirror, ["log", file.pinned, "-i", "-E", "--grep", "data race|concurrent map", "--format=%H"]).split("\n").filter((l) => l !== "");
  const judged = [...file.fixes.map((f) => f.fix), ...file.excluded.map((e) => e.fix)];
  const out: string[] = [];
  if (hits.length !== file.hits) out.push(`${file.repo}: the query returns ${hits.length} commits, the file says ${file.hits} hits`);
  const counts = new Map<string, number>();
  for (const c of judged) counts.set(c, (counts.get(c) ?? 0) + 1);
  for (const [c, n] of counts) if (n > 1) out.push(`${file.repo}: ${c} is judged ${n} times`);
  const hitSet = new Set(hits);
  for (const c of hits) if (!counts.has(c)) out.push(`${file.repo}: hit ${c} is not judged`);
  for (const c of counts.keys()) if (!hitSet.has(c)) out.push(`${file.repo}: ${c} is judged but not a hit of the query`);
  return out;
}

/** The `./<dir>` pattern for the CLI, run with --cwd at the tree root. */
export function packagePattern(dir: string): string {
  return normalDir(dir) === "." ? "." : `./${dir}`;
}

/**
 * Path helpers. Findings show paths relative to the run root with forward
 * slashes on every OS, so the same tree gives the same output everywhere.
 */
import * as path from "node:path";

/** `abs` relative to `root`, forward slashes, "." for the root itself. */
export function relSlash(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  if (rel === "") return ".";
  return path.sep === "/" ? rel : rel.split(path.sep).join("/");
}

/** True when `p` is `base` or below it (lexically; callers pass resolved paths). */
export function isWithin(base: string, p: string): boolean {
  if (p === base) return true;
  const prefix = base.endsWith(path.sep) ? base : base + path.sep;
  return p.startsWith(prefix);
}

/**
 * `dir` + one directory entry name. Entry names from readdir never contain a
 * separator or `..`, so `path.join`'s normalisation (which dominated profiles
 * of deep trees) is unnecessary.
 */
export function childPath(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

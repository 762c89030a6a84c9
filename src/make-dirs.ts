/**
 * Creating the directories an output, cache or baseline file goes in, one
 * level at a time. `fs.mkdirSync(dir, { recursive: true })` spins forever on
 * a path under /proc (each level it creates "exists" and then doesn't), and
 * says EEXIST where a parent is a file: here every step is checked, the loop
 * is bounded by the path's length, and a failure names the path that failed
 * and why.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const REASONS: Record<string, string> = {
  ENOTDIR: "not a directory",
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "name too long",
  ENOSPC: "no space left on device",
  EISDIR: "is a directory",
};

/** A file-system failure with the path it happened at: `/etc/passwd: not a directory (ENOTDIR)`. */
export class PathError extends Error {
  override name = "PathError";
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(`${path}: ${REASONS[code] ?? "failed"} (${code})`);
  }
}

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? "EIO";
}

/** Makes `dir` and its missing parents; throws PathError naming the level that failed. */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); ; ) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(at);
    } catch (err) {
      const code = codeOf(err);
      // ENOTDIR: some parent is a file; going up finds which, to name it.
      if (code !== "ENOENT" && code !== "ENOTDIR") throw new PathError(at, code);
      const parent = path.dirname(at);
      if (parent === at) throw new PathError(at, code);
      missing.push(at);
      at = parent;
      continue;
    }
    if (!stat.isDirectory()) throw new PathError(at, "ENOTDIR");
    break;
  }
  for (const level of missing.reverse()) {
    try {
      fs.mkdirSync(level);
    } catch (err) {
      const code = codeOf(err);
      // Made meanwhile by another process (two runs sharing a cache): fine if it is a directory.
      if (code === "EEXIST" && isDirectory(level)) continue;
      throw new PathError(level, code === "EEXIST" ? "ENOTDIR" : code);
    }
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Checks, before any work, that `file` can be written: its directory made, and not a directory itself; throws PathError. */
export function prepareFile(file: string): void {
  makeDirs(path.dirname(file));
  if (isDirectory(file)) throw new PathError(file, "EISDIR");
}

/** Writes `text` to `file`, making its directory first; throws PathError. */
export function writeFileMakingDirs(file: string, text: string): void {
  makeDirs(path.dirname(file));
  try {
    fs.writeFileSync(file, text);
  } catch (err) {
    throw new PathError(file, codeOf(err));
  }
}

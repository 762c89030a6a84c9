/**
 * go.mod: which module a directory belongs to, and that module's `go` version.
 *
 * The version matters to the analysis (loop variables are per-iteration from Go
 * 1.22 on), so every package carries its module. Lookups are memoised because
 * the same directories are asked about many times (every file of a package,
 * every pattern that reaches it).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ModuleInfo } from "./types.js";
import { parseModfile } from "./modfile.js";

/** Extracts the `module` path and `go` version; `toolchain`, `require` etc. are ignored. */
export function parseGoMod(text: string): { path: string; goVersion: string | null } {
  let modulePath = "";
  let goVersion: string | null = null;
  for (const d of parseModfile(text)) {
    if (d.verb === "module" && d.args.length > 0 && modulePath === "") modulePath = d.args[0]!;
    else if (d.verb === "go" && d.args.length > 0 && goVersion === null) goVersion = d.args[0]!;
  }
  return { path: modulePath, goVersion };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

export class ModuleResolver {
  /** Module rooted exactly at a directory (go.mod known to be there). One object per module. */
  private readonly byRoot = new Map<string, ModuleInfo>();
  /** Nearest enclosing module of a directory, or null. */
  private readonly enclosingCache = new Map<string, ModuleInfo | null>();

  /** The module whose go.mod is in `dir`. An unreadable go.mod still makes a module (path "", no version). */
  moduleAt(dir: string): ModuleInfo {
    let mod = this.byRoot.get(dir);
    if (mod === undefined) {
      let parsed: { path: string; goVersion: string | null } = { path: "", goVersion: null };
      try {
        parsed = parseGoMod(fs.readFileSync(path.join(dir, "go.mod"), "utf8"));
      } catch {
        // Keep the module boundary even if we cannot read the file: the go
        // tool would still treat the directory as a module root.
      }
      mod = { dir, path: parsed.path, goVersion: parsed.goVersion };
      this.byRoot.set(dir, mod);
    }
    return mod;
  }

  /** Walks up from `dir` (inclusive) to the nearest go.mod. */
  enclosing(dir: string): ModuleInfo | null {
    const visited: string[] = [];
    let current = dir;
    let found: ModuleInfo | null = null;
    for (;;) {
      const cached = this.enclosingCache.get(current);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(current);
      if (isFile(path.join(current, "go.mod"))) {
        found = this.moduleAt(current);
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const d of visited) this.enclosingCache.set(d, found);
    return found;
  }
}

/**
 * The result cache: one JSON file per package, keyed by a SHA-256 of
 * everything the package's result depends on: go-hazard itself (version and
 * the build: its compiled files' sizes and mtimes, the ESLint and grammar
 * versions), the rule settings and options, and the package (id, module path
 * and Go version, and every file's path, test flag, build version and text).
 * An unchanged package is never parsed again.
 *
 * Entries hold the whole package's result (all files reported); the engine
 * filters named files (`reportOnly`) after the lookup, so a pre-commit run
 * and a full run share entries. Results with internal errors are not stored.
 * Writes are atomic (temp file + rename), so concurrent runs are safe; when
 * the directory holds more than `maxBytes`, the least recently used entries
 * go. Any I/O problem just means a miss.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { GoPackage } from "../loader/types.js";
import type { PackageResult } from "../engine/analyze.js";
import { DEFAULT_ANALYSIS_OPTIONS } from "../analysis/framework.js";
import type { EngineConfig } from "../engine/config.js";
import { makeDirs } from "../make-dirs.js";

/** Bump when the entry format or the key's ingredients change. */
export const CACHE_FORMAT = 2;
export const DEFAULT_CACHE_MAX_BYTES = 64 * 1024 * 1024;

/** `$XDG_CACHE_HOME/go-hazard`, else `~/.cache/go-hazard` (null when there is no home directory). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, "go-hazard");
  let home: string;
  try {
    home = env.HOME || os.homedir();
  } catch {
    return null;
  }
  return home ? path.join(home, ".cache", "go-hazard") : null;
}

function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

let toolIdentityMemo: string | undefined;

/**
 * go-hazard's own identity: its version, the versions of the libraries that
 * shape results, and the size and mtime of every compiled file of the engine
 * and the rules (a rebuild invalidates the cache even without a version bump).
 */
export function toolIdentity(): string {
  if (toolIdentityMemo !== undefined) return toolIdentityMemo;
  const here = path.dirname(fileURLToPath(import.meta.url)); // dist/src/cache
  const distRoot = path.resolve(here, "..", "..");
  const parts: string[] = [];
  const require = createRequire(import.meta.url);
  for (const pkg of ["eslint", "tree-sitter", "tree-sitter-go"]) {
    try {
      parts.push(`${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`);
    } catch {
      parts.push(`${pkg}@?`);
    }
  }
  try {
    const own = JSON.parse(fs.readFileSync(path.resolve(distRoot, "..", "package.json"), "utf8")) as { version?: string };
    parts.push(`go-hazard@${own.version ?? "?"}`);
  } catch {
    parts.push("go-hazard@?");
  }
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".js")) {
        try {
          const st = fs.statSync(p);
          parts.push(`${path.relative(distRoot, p)}:${st.size}:${st.mtimeMs}`);
        } catch {
          /* raced with a rebuild: the next run sees the new file */
        }
      }
    }
  };
  walk(path.join(distRoot, "src"));
  walk(path.join(distRoot, "rules"));
  return (toolIdentityMemo = sha256(parts.join("\n")));
}

export interface CacheStats {
  hits: number;
  misses: number;
  writes: number;
}

export class ResultCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, writes: 0 };
  private readonly root: string;
  private readonly salt: string;
  private usable = true;

  constructor(
    dir: string,
    config: EngineConfig,
    private readonly maxBytes = DEFAULT_CACHE_MAX_BYTES,
  ) {
    this.root = path.join(dir, `v${CACHE_FORMAT}`);
    this.salt = sha256(JSON.stringify([CACHE_FORMAT, toolIdentity(), config.rules, config.options ?? {}, config.analysis ?? DEFAULT_ANALYSIS_OPTIONS]));
  }

  /** The key of a package's whole result (reportOnly is not part of it). */
  key(pkg: GoPackage): string {
    const h = createHash("sha256");
    h.update(this.salt);
    h.update(
      JSON.stringify([pkg.id, pkg.relDir, pkg.name, pkg.module ? [pkg.module.path, pkg.module.goVersion] : null, pkg.files.length, pkg.dirFiles]),
    );
    for (const f of pkg.files) {
      h.update(`\u0000${f.relPath}\u0000${f.isTest ? 1 : 0}\u0000${f.buildGoVersion ?? ""}\u0000${f.packageName}\u0000`);
      h.update(sha256(f.text));
    }
    return h.digest("hex");
  }

  private file(key: string): string {
    return path.join(this.root, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): PackageResult | undefined {
    if (!this.usable) return undefined;
    const file = this.file(key);
    try {
      const entry = JSON.parse(fs.readFileSync(file, "utf8")) as { key?: string; result?: PackageResult };
      if (entry.key !== key || !entry.result || !Array.isArray(entry.result.findings)) {
        this.stats.misses++;
        return undefined;
      }
      this.stats.hits++;
      const now = new Date();
      try {
        fs.utimesSync(file, now, now); // least recently *used* goes first
      } catch {
        /* read-only cache: fine */
      }
      return entry.result;
    } catch {
      this.stats.misses++;
      return undefined;
    }
  }

  set(key: string, result: PackageResult): void {
    if (!this.usable) return;
    // Not kept: an internal error, and a parse cut at its time budget (it depends on the machine's load, not the input).
    if (result.notifications.some((n) => n.kind === "internal-error" || n.kind === "parse-budget")) return;
    const file = this.file(key);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      makeDirs(path.dirname(file));
      fs.writeFileSync(tmp, JSON.stringify({ key, result }));
      fs.renameSync(tmp, file);
      this.stats.writes++;
    } catch {
      this.usable = false; // not writable: stop trying for this run
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        /* ignore */
      }
    }
  }

  /** Deletes the least recently used entries while the cache holds more than maxBytes (down to 3/4 of it). */
  evict(): void {
    if (this.stats.writes === 0) return;
    const entries: { file: string; size: number; mtime: number }[] = [];
    let total = 0;
    let subdirs: string[];
    try {
      subdirs = fs.readdirSync(this.root);
    } catch {
      return;
    }
    for (const sub of subdirs) {
      const dir = path.join(this.root, sub);
      let names: string[];
      try {
        names = fs.readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        const file = path.join(dir, name);
        try {
          const st = fs.statSync(file);
          if (name.endsWith(".tmp")) {
            // Left by a killed run once old; a young one may be another run's write in progress.
            if (Date.now() - st.mtimeMs < 3_600_000) continue;
            entries.push({ file, size: st.size, mtime: 0 });
          } else {
            entries.push({ file, size: st.size, mtime: st.mtimeMs });
          }
          total += st.size;
        } catch {
          /* removed meanwhile */
        }
      }
    }
    if (total <= this.maxBytes) return;
    entries.sort((a, b) => a.mtime - b.mtime);
    const target = Math.floor((this.maxBytes * 3) / 4);
    for (const e of entries) {
      if (total <= target) break;
      try {
        fs.rmSync(e.file, { force: true });
        total -= e.size;
      } catch {
        /* ignore */
      }
    }
  }
}

/**
 * The loader: command-line patterns in, packages (with their files' text) out.
 *
 * Three phases, so that each file is read exactly once whatever the patterns:
 *   1. resolve patterns to directories (walking trees), remembering which
 *      pattern reached which directory and which files were named explicitly;
 *   2. read the candidate files of those directories (once each) and scan
 *      their headers (package clause, generated marker, build constraint);
 *   3. group files into packages per directory + package clause, and check
 *      that every pattern matched something.
 * Problems never throw: they are returned, errors and warnings alike, and the
 * caller decides the exit code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { GoFile, GoPackage, LoadOptions, LoadProblem, LoadResult, ModuleInfo } from "./types.js";
import { classifyPattern, looksLikeGlob } from "./patterns.js";
import { ModuleResolver } from "./gomod.js";
import { findWorkspace } from "./gowork.js";
import { listDir, walkTree, type DirListing } from "./walk.js";
import { readGoFile, type ReadOutcome } from "./read-file.js";
import { scanHeader, type FileHeader } from "./file-header.js";
import { buildable } from "./build-select.js";
import { childPath, relSlash } from "./paths.js";

export type * from "./types.js";

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** One directory that some pattern reached; keyed by its real path so links don't load it twice. */
interface DirRecord {
  abs: string;
  module: ModuleInfo | null;
  listing: DirListing;
  /** Reached by a directory or `...` pattern: all its packages are loaded and reported. */
  matchedByDir: boolean;
  /** Files named on the command line (base names). */
  explicit: Set<string>;
}

interface ReadFile {
  dir: DirRecord;
  name: string;
  abs: string;
  outcome: ReadOutcome;
  header: FileHeader | null;
}

const failureText: Record<string, string> = {
  binary: "binary file",
  "not-utf8": "not valid UTF-8",
  "too-large": "file too large",
  unreadable: "cannot read file",
};

/**
 * Resolves `patterns` (relative to `options.cwd`) to packages. Async in its
 * signature so callers need not change if reading ever moves off-thread; today
 * the work is synchronous (see read-file.ts for why).
 */
export async function loadPackages(patterns: string[], options: LoadOptions): Promise<LoadResult> {
  return loadPackagesSync(patterns, options);
}

/**
 * `loadPackages`, synchronously, for callers that can't wait (ESLint's
 * createSourceCode). `texts` replaces what is on disk for some files (an
 * editor's unsaved buffer), by absolute path.
 */
export function loadPackagesSync(patterns: string[], options: LoadOptions, texts?: ReadonlyMap<string, string>): LoadResult {
  const cwd = path.resolve(options.cwd);
  // Defaults applied defensively: callers in JS land may pass a partial object.
  const tests = options.tests !== false;
  const generated = options.generated === true;
  const vendor = options.vendor === true;
  const maxFileBytes = options.maxFileBytes > 0 ? options.maxFileBytes : DEFAULT_MAX_FILE_BYTES;

  const problems: LoadProblem[] = [];
  const rel = (abs: string): string => relSlash(cwd, abs);
  const modules = new ModuleResolver();
  const dirs = new Map<string, DirRecord>();
  /** For each directory-style pattern, the directories it reached (real paths). */
  const reached: { raw: string; keys: string[]; single: string | null }[] = [];
  const walkEnv = {
    modules,
    workspace: findWorkspace(cwd),
    vendor,
    report: (p: LoadProblem) => problems.push(p),
    rel,
    loopsReported: new Set<string>(),
  };

  /** Go file names that take part in package loading unless named explicitly. */
  const wanted = (name: string): boolean =>
    !name.startsWith(".") && !name.startsWith("_") && (tests || !name.endsWith("_test.go"));

  const record = (abs: string, real: string, module: ModuleInfo | null, listing: DirListing): DirRecord => {
    let d = dirs.get(real);
    if (d === undefined) {
      d = { abs, module, listing, matchedByDir: false, explicit: new Set() };
      dirs.set(real, d);
    }
    return d;
  };

  const error = (kind: string, raw: string, message: string, abs?: string): void => {
    problems.push({ level: "error", kind, message: `pattern "${raw}": ${message}`, ...(abs ? { path: rel(abs) } : {}) });
  };

  // `.go` names that are not files, once per directory however many patterns reach it.
  const notFilesSeen = new Set<string>();
  /** Their paths: a name that is also given on the command line is not read either (nor warned about twice). */
  const notFilePaths = new Set<string>();
  const notFiles = (dirAbs: string, listing: DirListing): void => {
    if (notFilesSeen.has(dirAbs)) return;
    notFilesSeen.add(dirAbs);
    for (const n of listing.notFiles) {
      if (!wanted(n.name)) continue;
      notFilePaths.add(childPath(dirAbs, n.name));
      const p = rel(childPath(dirAbs, n.name));
      problems.push({ level: "warning", kind: "unreadable", message: `${p}: ${n.what}, not a regular file; skipped`, path: p });
    }
  };

  // ---- 1. patterns → directories ------------------------------------------------
  for (const raw of patterns) {
    const pat = classifyPattern(raw, cwd);
    if (pat.kind === "bad") {
      error("bad-pattern", raw, pat.reason);
      continue;
    }
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(pat.abs, { throwIfNoEntry: false });
    } catch (err) {
      error("unreadable", raw, `cannot access (${(err as NodeJS.ErrnoException).code ?? String(err)})`, pat.abs);
      continue;
    }
    if (st === undefined) {
      if (looksLikeGlob(raw)) error("bad-pattern", raw, 'wildcards are not expanded; use "dir/..." or name files');
      else error("not-found", raw, pat.kind === "file" ? "file not found" : "directory not found", pat.abs);
      continue;
    }
    const kind = pat.kind === "file" && st.isDirectory() ? "dir" : pat.kind;
    if (kind !== "file" && !st.isDirectory()) {
      error("bad-pattern", raw, "not a directory or .go file", pat.abs);
      continue;
    }
    const dirAbs = kind === "file" ? path.dirname(pat.abs) : pat.abs;
    let real: string;
    let listing: DirListing;
    try {
      real = fs.realpathSync.native(dirAbs);
      listing = kind === "tree" ? { goFiles: [], subdirs: [], hasGoMod: false, notFiles: [] } : listDir(dirAbs);
    } catch (err) {
      error("unreadable", raw, `cannot read directory (${(err as NodeJS.ErrnoException).code ?? String(err)})`, dirAbs);
      continue;
    }

    if (kind === "file") {
      record(dirAbs, real, modules.enclosing(dirAbs), listing).explicit.add(path.basename(pat.abs));
    } else if (kind === "dir") {
      // A directory named directly is loaded even if `...` would skip it
      // (testdata, _x, a nested module), as the go tool does.
      notFiles(dirAbs, listing);
      if (!listing.goFiles.some(wanted)) {
        error("no-match", raw, `no Go files in ${rel(dirAbs)}`, dirAbs);
        continue;
      }
      record(dirAbs, real, modules.enclosing(dirAbs), listing).matchedByDir = true;
      reached.push({ raw, keys: [real], single: dirAbs });
    } else {
      const keys: string[] = [];
      walkTree(pat.abs, real, walkEnv, (v) => {
        notFiles(v.abs, v.listing);
        if (!v.listing.goFiles.some(wanted)) return;
        record(v.abs, v.real, v.module, v.listing).matchedByDir = true;
        keys.push(v.real);
      });
      reached.push({ raw, keys, single: null });
    }
  }

  // ---- 2. read candidate files ----------------------------------------------------
  const jobs: { dir: DirRecord; name: string; abs: string }[] = [];
  for (const dir of dirs.values()) {
    const names = new Set(dir.listing.goFiles.filter(wanted));
    for (const n of dir.explicit) names.add(n);
    for (const name of [...names].sort()) {
      const abs = childPath(dir.abs, name);
      if (!notFilePaths.has(abs)) jobs.push({ dir, name, abs });
    }
  }
  const read: ReadFile[] = jobs.map((job) => {
    const given = texts?.get(job.abs);
    const outcome: ReadOutcome = given !== undefined ? { ok: true, text: given } : readGoFile(job.abs, maxFileBytes);
    return { ...job, outcome, header: outcome.ok ? scanHeader(outcome.text) : null };
  });
  const readWarnings: LoadProblem[] = [];
  for (const f of read) {
    if (f.outcome.ok) continue;
    const p = rel(f.abs);
    readWarnings.push({
      level: "warning",
      kind: f.outcome.kind,
      message: `${p}: ${failureText[f.outcome.kind]} (${f.outcome.detail}); skipped`,
      path: p,
    });
  }
  readWarnings.sort((a, b) => (a.path! < b.path! ? -1 : a.path! > b.path! ? 1 : 0));
  for (const x of readWarnings) problems.push(x);

  // ---- 3. group into packages ----------------------------------------------------
  const byDir = new Map<DirRecord, ReadFile[]>();
  for (const f of read) {
    if (!f.outcome.ok || f.header === null) continue;
    const explicit = f.dir.explicit.has(f.name);
    // A file the user named is analysed whatever it is: they asked for it.
    if (!explicit && f.header.generated && !generated) continue;
    // Files no build could select (`//go:build ignore`, `!go1.9` in a newer
    // module, `x_windows.go` with --goos linux) are not part of the package:
    // analysing them with the file that replaced them invents conflicts.
    const modVersion = f.dir.module?.goVersion ?? null;
    const release = options.goVersion !== undefined ? { version: options.goVersion, exact: true } : modVersion !== null ? { version: modVersion, exact: false } : null;
    if (!explicit && !buildable(f.name, f.header.constraint, release, options.build ?? {})) continue;
    let list = byDir.get(f.dir);
    if (list === undefined) byDir.set(f.dir, (list = []));
    list.push(f);
  }

  const packages: GoPackage[] = [];
  const packagesPerDir = new Map<DirRecord, number>();
  for (const [dir, files] of byDir) {
    const relDir = rel(dir.abs);
    const relOf = (f: ReadFile): string => (relDir === "." ? f.name : `${relDir}/${f.name}`);
    const groups = groupByPackage(files);
    const conflict = packageConflict(groups, files);
    if (conflict && (dir.matchedByDir || dir.explicit.size > 0)) {
      problems.push({ level: "warning", kind: "package-conflict", message: `${relDir}: found packages ${conflict}; the go tool refuses this directory`, path: relDir });
    }
    for (const [name, group] of groups.byName) {
      const explicitFiles = group.filter((f) => dir.explicit.has(f.name));
      if (!dir.matchedByDir && explicitFiles.length === 0) continue;
      const isMain = name === groups.main;
      packages.push({
        id: isMain ? relDir : `${relDir} [${name}]`,
        dir: dir.abs,
        relDir,
        name,
        module: dir.module,
        files: group.map((f) => toGoFile(f, relOf(f))).sort((a, b) => cmp(a.relPath, b.relPath)),
        dirFiles: dirGoFiles(dir),
        reportOnly: dir.matchedByDir ? null : explicitFiles.map(relOf).sort(cmp),
      });
      packagesPerDir.set(dir, (packagesPerDir.get(dir) ?? 0) + 1);
    }
  }
  packages.sort((a, b) => cmp(a.id, b.id));

  for (const r of reached) {
    const any = r.keys.some((k) => (packagesPerDir.get(dirs.get(k)!) ?? 0) > 0);
    if (!any) error("no-match", r.raw, "matched no packages", r.single ?? undefined);
  }

  return { packages, problems };
}

/** Every `.go` file of the directory (a file named on the command line too, whatever its name). */
function dirGoFiles(dir: DirRecord): string[] {
  const names = new Set(dir.listing.goFiles);
  for (const n of dir.explicit) names.add(n);
  for (const n of dir.listing.notFiles) names.add(n.name);
  return [...names].sort(cmp);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A GoFile for text that did not come from a directory scan (an editor buffer, an in-memory test package). */
export function goFileFromText(abs: string, relPath: string, text: string): GoFile {
  const header = scanHeader(text);
  return {
    path: abs,
    relPath,
    packageName: header.packageName,
    isTest: abs.endsWith("_test.go"),
    buildGoVersion: header.buildGoVersion,
    buildConstraint: header.constraint,
    text,
  };
}

function toGoFile(f: ReadFile, relPath: string): GoFile {
  return {
    path: f.abs,
    relPath,
    packageName: f.header!.packageName,
    isTest: f.name.endsWith("_test.go"),
    buildGoVersion: f.header!.buildGoVersion,
    buildConstraint: f.header!.constraint,
    text: (f.outcome as { text: string }).text,
  };
}

/**
 * `a (a.go) and b (b.go)` when the directory's buildable files name more than
 * one package, as the go tool words it; null when they don't. The external
 * test package (`a_test` beside `a`, in `_test.go` files only) is no conflict.
 */
function packageConflict(groups: { main: string; byName: Map<string, ReadFile[]> }, files: ReadFile[]): string | null {
  const named = files.filter((f) => f.header!.packageName !== "");
  // Only external test packages here (`x_test` alone): the first name stands in for the package.
  const base = groups.main || (named[0]?.header!.packageName.replace(/_test$/, "") ?? "");
  const counted = named.filter((f) => !(f.header!.packageName === `${base}_test` && f.name.endsWith("_test.go")));
  const first = counted[0];
  const other = counted.find((f) => f.header!.packageName !== first!.header!.packageName);
  if (!first || !other) return null;
  return `${first.header!.packageName} (${first.name}) and ${other.header!.packageName} (${other.name})`;
}

/**
 * Splits one directory's files by package clause. The "main" package (id =
 * the directory) is the non-`_test` name most files use (ties: alphabetical);
 * files without a package clause join it so the parser can report them. Any
 * other name — an external test package `foo_test`, or a stray conflicting
 * clause the go tool would reject — gets its own package `dir [name]`.
 */
function groupByPackage(files: ReadFile[]): { main: string; byName: Map<string, ReadFile[]> } {
  const counts = new Map<string, number>();
  for (const f of files) {
    const n = f.header!.packageName;
    if (n !== "" && !n.endsWith("_test")) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let main = "";
  let best = 0;
  for (const [n, c] of [...counts].sort((a, b) => cmp(a[0], b[0]))) {
    if (c > best) {
      main = n;
      best = c;
    }
  }
  const byName = new Map<string, ReadFile[]>();
  for (const f of files) {
    const n = f.header!.packageName === "" ? main : f.header!.packageName;
    let g = byName.get(n);
    if (g === undefined) byName.set(n, (g = []));
    g.push(f);
  }
  return { main, byName };
}

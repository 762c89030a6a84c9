/**
 * The Go language for ESLint (ESLint's custom-language API): parse with
 * tree-sitter-go into the shared GoNode tree and wrap it in a GoSourceCode.
 *
 * Two ways in:
 *   - the go-hazard engine builds GoSourceCode objects itself (one parse per
 *     file, one IR and one analysis per package) and hands them to
 *     `Linter.verify`, so `parse`/`createSourceCode` are not used;
 *   - plain ESLint (`eslint` CLI, the `ESLint` class, an editor) calls
 *     `parse` and `createSourceCode` file by file. Rules still need the
 *     package, so `createSourceCode` loads the file's sibling `.go` files of
 *     the same package from disk, builds the IR, and caches it per directory
 *     (keyed on the siblings' mtimes and sizes, and the file's own text).
 *
 * Syntax errors never fail the parse: tree-sitter keeps going, and the engine
 * reports them as `parse-error` findings.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { File, Language, OkParseResult } from "@eslint/core";
import { parseGo, type ParsedFile } from "../parse/parser.js";
import type { GoNode } from "../parse/node.js";
import { buildPackageIR } from "../ir/index.js";
import type { PackageIR } from "../ir/types.js";
import type { GoPackage, ModuleInfo } from "../loader/types.js";
import { scanHeader } from "../loader/file-header.js";
import { ModuleResolver } from "../loader/gomod.js";
import { goFileFromText, loadPackagesSync } from "../loader/index.js";
import { GoSourceCode, type GoLanguageOptions } from "./source-code.js";
import { createEvidenceSink, createServices } from "./services.js";
import { PackageDriver } from "../analysis/framework.js";
import { visitorKeys } from "./visitor-keys.js";

const GO_VERSION_RE = /^(?:go)?1(?:\.\d+){0,2}$/;

export interface GoParseResult extends OkParseResult<GoNode> {
  ok: true;
  ast: GoNode;
  parsed: ParsedFile;
}

type GoLanguageTypes = {
  LangOptions: GoLanguageOptions;
  Code: GoSourceCode;
  RootNode: GoNode;
  Node: GoNode;
};

function bodyText(file: File): string {
  return typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
}

export type GoLanguage = Language<GoLanguageTypes> & { parse(file: File): GoParseResult };

/** The Go language for a plugin whose rules are `knownRules` (what `//nolint:go-hazard` expands to). */
export function createGoLanguage(knownRules: ReadonlySet<string>): GoLanguage {
  return {
    fileType: "text",
    lineStart: 1,
    columnStart: 0,
    nodeTypeKey: "type",
    visitorKeys,
    defaultLanguageOptions: {},

    validateLanguageOptions(options: GoLanguageOptions): void {
      if (options === null || typeof options !== "object" || Array.isArray(options)) {
        throw new TypeError("go-hazard/go: languageOptions must be an object.");
      }
      for (const [key, value] of Object.entries(options)) {
        if (key !== "goVersion") {
          throw new TypeError(`go-hazard/go: unknown language option "${key}" (only "goVersion" is supported).`);
        }
        if (value !== undefined && (typeof value !== "string" || !GO_VERSION_RE.test(value))) {
          throw new TypeError(`go-hazard/go: languageOptions.goVersion must be a Go version such as "1.22", got ${JSON.stringify(value)}.`);
        }
      }
    },

    parse(file: File): GoParseResult {
      const parsed = parseGo(bodyText(file));
      return { ok: true, ast: parsed.root, parsed };
    },

    createSourceCode(file, result, context): GoSourceCode {
      const text = bodyText(file);
      const parsed = (result as GoParseResult).parsed ?? parseGo(text);
      const goVersion = context?.languageOptions?.goVersion;
      const { parsed: shared, ir } = standalonePackage(file.physicalPath || file.path, text, parsed, goVersion);
      const driver = driverFor(ir);
      const fileIR = ir.files.find((f) => f.parsed === shared) ?? ir.files.find((f) => f.file.path === path.resolve(file.physicalPath || file.path));
      if (!fileIR) throw new Error(`go-hazard: internal error: ${file.path} is missing from its package IR`);
      return new GoSourceCode({ text, parsed: shared, services: createServices(driver, fileIR, createEvidenceSink()), knownRules });
    },
  };
}

// ---- standalone ESLint: the package of a file, from disk -------------------------------

interface CachedPackage {
  /** Directory listing signature: names, mtimes and sizes of the `.go` files. */
  signature: string;
  ir: PackageIR;
  byPath: Map<string, { text: string; parsed: ParsedFile }>;
}

const MAX_CACHED_DIRS = 64;
/** Key: directory + package name. */
const packageCache = new Map<string, CachedPackage>();
const drivers = new WeakMap<PackageIR, PackageDriver>();
const modules = new ModuleResolver();
const MAX_SIBLING_BYTES = 5 * 1024 * 1024;

function driverFor(ir: PackageIR): PackageDriver {
  let d = drivers.get(ir);
  if (!d) {
    d = new PackageDriver(ir, {
      onError: (failure) => process.emitWarning(`go-hazard: package ${ir.pkg.id}: ${failure.message}`),
    });
    drivers.set(ir, d);
  }
  return d;
}

function slash(p: string): string {
  return path.sep === "/" ? p : p.split(path.sep).join("/");
}

function listGoFiles(dir: string): { names: string[]; signature: string } | null {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const names: string[] = [];
  const sig: string[] = [];
  for (const e of entries) {
    if (!e.name.endsWith(".go") || e.name.startsWith(".") || e.name.startsWith("_")) continue;
    if (!e.isFile() && !e.isSymbolicLink()) continue;
    try {
      const st = fs.statSync(path.join(dir, e.name));
      if (!st.isFile()) continue;
      names.push(e.name);
      sig.push(`${e.name}:${st.mtimeMs}:${st.size}`);
    } catch {
      /* vanished or unreadable: not part of the package */
    }
  }
  names.sort();
  sig.sort();
  return { names, signature: sig.join("\n") };
}

function standalonePackage(
  filePath: string,
  text: string,
  parsed: ParsedFile,
  goVersion: string | undefined,
): { parsed: ParsedFile; ir: PackageIR } {
  const abs = path.resolve(filePath);
  const dir = path.dirname(abs);
  const header = scanHeader(text);
  const listing = fs.existsSync(abs) ? listGoFiles(dir) : null;
  const key = `${dir}\0${header.packageName}\0${goVersion ?? ""}`;
  const cached = listing ? packageCache.get(key) : undefined;
  if (cached && cached.signature === listing!.signature) {
    const mine = cached.byPath.get(abs);
    // A sibling left out of the cached IR (too deep, too slow to parse when another file was
    // linted) is linted now with a package of its own making: it stays in it, its tree empty.
    if (mine && mine.text === text && cached.ir.files.some((f) => f.file.path === abs)) {
      // Refresh LRU position.
      packageCache.delete(key);
      packageCache.set(key, cached);
      return { parsed: mine.parsed, ir: cached.ir };
    }
  }

  // The file's package as `go-hazard lint file.go` loads it: the same files, the same rules.
  const load = listing
    ? loadPackagesSync([abs], { cwd: process.cwd(), tests: true, generated: false, vendor: false, maxFileBytes: MAX_SIBLING_BYTES }, new Map([[abs, text]]))
    : null;
  const loaded = load?.packages.find((p) => p.files.some((f) => f.path === abs));
  const pkg: GoPackage = loaded
    ? { ...loaded, module: withGoVersion(loaded.module, dir, goVersion), reportOnly: null }
    : {
        // Not on disk (text passed directly): a package of one file.
        id: ".",
        dir,
        relDir: ".",
        name: header.packageName,
        module: withGoVersion(null, dir, goVersion),
        files: [goFileFromText(abs, slash(path.relative(process.cwd(), abs)) || path.basename(abs), text)],
        dirFiles: [path.basename(abs)],
        reportOnly: null,
      };
  const byPath = new Map<string, { text: string; parsed: ParsedFile }>();
  const trees = pkg.files.map((f) => {
    if (f.path === abs) return parsed;
    const reuse = cached?.byPath.get(f.path);
    return reuse && reuse.text === f.text ? reuse.parsed : parseGo(f.text);
  });
  pkg.files.forEach((f, i) => byPath.set(f.path, { text: f.text, parsed: trees[i]! }));
  // Siblings nested too deep or too slow to parse leave the package (as in `go-hazard lint`); the
  // linted file stays, its tree empty, so ESLint still has a tree to traverse.
  const keep = pkg.files.map((f, i) => f.path === abs || (trees[i]!.tooDeep === undefined && trees[i]!.overBudget === undefined));
  const ir = keep.every(Boolean)
    ? buildPackageIR(pkg, trees)
    : buildPackageIR({ ...pkg, files: pkg.files.filter((_, i) => keep[i]) }, trees.filter((_, i) => keep[i]));
  if (listing) {
    packageCache.delete(key);
    packageCache.set(key, { signature: listing.signature, ir, byPath });
    while (packageCache.size > MAX_CACHED_DIRS) packageCache.delete(packageCache.keys().next().value!);
  }
  return { parsed, ir };
}

/** The module the loader found, with languageOptions.goVersion where go.mod names none. */
function withGoVersion(module: ModuleInfo | null, dir: string, goVersion: string | undefined): ModuleInfo | null {
  const found = module ?? modules.enclosing(dir);
  if (!goVersion || (found && found.goVersion)) return found;
  return { dir: found?.dir ?? dir, path: found?.path ?? "", goVersion: goVersion.replace(/^go/, "") };
}

/** For tests: forget every cached package. */
export function clearStandaloneCache(): void {
  packageCache.clear();
}

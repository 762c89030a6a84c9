/**
 * What the loader hands to the rest of the pipeline: packages (directory +
 * package clause) with their files and the Go version that governs them.
 * Everything here is plain data so it can cross to worker threads.
 */
import type { ConstraintExpr } from "./build-constraints.js";
import type { BuildContext } from "./build-select.js";

export interface ModuleInfo {
  /** Absolute directory holding go.mod. */
  dir: string;
  /** Module path from the `module` line ("" when go.mod has none). */
  path: string;
  /** `go` line, e.g. "1.21" or "1.22.3"; null when absent. */
  goVersion: string | null;
}

export interface GoFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the run root, forward slashes (what findings show). */
  relPath: string;
  /** Package clause name; "" when the file has none (syntax error). */
  packageName: string;
  isTest: boolean;
  /** Minimum Go version from a `//go:build go1.N` constraint in the file header, e.g. "1.22"; null when none. */
  buildGoVersion: string | null;
  /** The file's build constraint (`//go:build`, or `// +build` lines followed by a blank line), parsed; null when none. */
  buildConstraint: ConstraintExpr | null;
  /** The file's text, already read and decoded (UTF-8). */
  text: string;
}

export interface GoPackage {
  /** Stable id: relative directory + package name, e.g. `internal/cache` or `internal/cache [cache_test]`. */
  id: string;
  /** Absolute directory. */
  dir: string;
  /** Directory relative to the run root ("." for the root itself). */
  relDir: string;
  name: string;
  module: ModuleInfo | null;
  /** Sorted by relPath. */
  files: GoFile[];
  /**
   * Base names of every `.go` file in the directory, sorted, including those
   * left out of this package (generated, `//go:build ignore`, other package
   * clauses, tests with --no-tests): package-wide proofs ("nothing else assigns
   * x") hold only when nothing is missing. Part of the cache key.
   */
  dirFiles: string[];
  /**
   * When the user named files (or a pre-commit hook passed them): only findings
   * in these relPaths are reported; the whole package is still analysed. Null = report all.
   */
  reportOnly: string[] | null;
}

export interface LoadOptions {
  /** Directory patterns are resolved against (the run root). */
  cwd: string;
  /** Include `_test.go` files (default true). */
  tests: boolean;
  /** Include generated files (`// Code generated ... DO NOT EDIT.`) (default false). */
  generated: boolean;
  /** Include `vendor/` directories (default false). */
  vendor: boolean;
  /** Skip files larger than this many bytes, with a warning (default 5 MiB). */
  maxFileBytes: number;
  /** Go version for every package instead of go.mod's; fixes the `go1.N` release tags. */
  goVersion?: string;
  /** A fixed GOOS, GOARCH or tag set; what is not given is free (any platform). See build-select.ts. */
  build?: BuildContext;
}

export interface LoadProblem {
  level: "error" | "warning";
  /** `no-match`, `not-found`, `unreadable`, `binary`, `not-utf8`, `too-large`, `symlink-loop`, `bad-pattern`. */
  kind: string;
  message: string;
  path?: string;
}

export interface LoadResult {
  /** Sorted by id. */
  packages: GoPackage[];
  /** Problems: errors (pattern matched nothing, path missing) make the CLI exit 2; warnings are reported and the run goes on. */
  problems: LoadProblem[];
}

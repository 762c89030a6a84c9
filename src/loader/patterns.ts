/**
 * Command-line patterns, the subset of the go tool's syntax that makes sense
 * without a module cache or GOPATH:
 *   `./...`, `dir/...`   every package in the tree below dir (dir included)
 *   `.`, `dir`           the package(s) in that one directory
 *   `a.go`, `/x/b.go`    the package of that file, reporting only on the file
 * Import-path patterns (`github.com/x/y`, `std`) are read as directories: we
 * never consult a module cache. Other uses of `...` (`a/.../b`, `foo...`) are
 * rejected rather than half-supported.
 */
import * as path from "node:path";

export type Pattern =
  | { kind: "tree"; raw: string; abs: string }
  | { kind: "dir"; raw: string; abs: string }
  | { kind: "file"; raw: string; abs: string }
  | { kind: "bad"; raw: string; reason: string };

export function classifyPattern(raw: string, cwd: string): Pattern {
  if (raw.trim() === "") return { kind: "bad", raw, reason: "empty pattern" };
  if (raw === "...") return { kind: "bad", raw, reason: 'use "./..." for every package below the current directory' };

  let p = raw;
  let kind: "tree" | "dir" | "file" = "dir";
  if (p.endsWith("/...")) {
    kind = "tree";
    p = p.slice(0, -3);
    if (p === "") p = ".";
  }
  if (p.includes("...")) {
    return { kind: "bad", raw, reason: 'only a trailing "/..." wildcard is supported (e.g. "./..." or "dir/...")' };
  }
  // Trailing slashes are harmless (`./pkg/`), but keep "/" itself.
  if (p.length > 1) p = p.replace(/\/+$/, "") || "/";
  if (kind === "dir" && p.endsWith(".go")) kind = "file";
  return { kind, raw, abs: path.resolve(cwd, p) };
}

/** Shell glob characters left unexpanded usually mean the glob matched nothing. */
export function looksLikeGlob(raw: string): boolean {
  return /[*?[]/.test(raw);
}

/**
 * Files nested deeper than the parser's limit (MAX_TREE_DEPTH) are parsed to
 * an empty tree. They leave the package the way an unreadable file does: out
 * of `files`, still in `dirFiles`, so whole-package proofs know something is
 * missing; the rest of the package is analysed as usual.
 */
import type { GoFile, GoPackage } from "../loader/types.js";
import { MAX_TREE_DEPTH, type ParsedFile } from "../parse/parser.js";
import type { Notification } from "../report/finding.js";

export interface TooDeepFile {
  file: GoFile;
  line: number;
  column: number;
}

/** The package without its too-deep files, their trees left out in step; `pkg` itself when none is. */
export function withoutTooDeep(pkg: GoPackage, parsed: ParsedFile[]): { pkg: GoPackage; parsed: ParsedFile[]; dropped: TooDeepFile[] } {
  const dropped: TooDeepFile[] = [];
  pkg.files.forEach((file, i) => {
    const at = parsed[i]!.tooDeep;
    if (at) dropped.push({ file, ...at });
  });
  if (dropped.length === 0) return { pkg, parsed, dropped };
  const keep = pkg.files.map((_, i) => parsed[i]!.tooDeep === undefined);
  return {
    pkg: { ...pkg, files: pkg.files.filter((_, i) => keep[i]) },
    parsed: parsed.filter((_, i) => keep[i]),
    dropped,
  };
}

export function tooDeepNotification(d: TooDeepFile): Notification {
  return {
    level: "warning",
    kind: "too-deep",
    message: `nested more than ${MAX_TREE_DEPTH} levels deep; the file is not analysed (the rest of its package is)`,
    file: d.file.relPath,
    line: d.line,
    column: d.column,
  };
}

/**
 * Files the parser gave up on: nested deeper than MAX_TREE_DEPTH, or parsed
 * past their time budget (parseBudgetMs). Both come back as an empty tree.
 * They leave the package the way an unreadable file does: out of `files`,
 * still in `dirFiles`, so whole-package proofs know something is missing; the
 * rest of the package is analysed as usual.
 */
import type { GoFile, GoPackage } from "../loader/types.js";
import { MAX_TREE_DEPTH, type ParsedFile } from "../parse/parser.js";
import type { Notification } from "../report/finding.js";

export interface UnparsedFile {
  file: GoFile;
  parsed: ParsedFile;
}

/** The package without its unparsed files, their trees left out in step; `pkg` itself when there are none. */
export function withoutUnparsed(pkg: GoPackage, parsed: ParsedFile[]): { pkg: GoPackage; parsed: ParsedFile[]; dropped: UnparsedFile[] } {
  const unparsed = (p: ParsedFile): boolean => p.tooDeep !== undefined || p.overBudget !== undefined;
  const dropped: UnparsedFile[] = [];
  pkg.files.forEach((file, i) => {
    if (unparsed(parsed[i]!)) dropped.push({ file, parsed: parsed[i]! });
  });
  if (dropped.length === 0) return { pkg, parsed, dropped };
  return {
    pkg: { ...pkg, files: pkg.files.filter((_, i) => !unparsed(parsed[i]!)) },
    parsed: parsed.filter((p) => !unparsed(p)),
    dropped,
  };
}

/** `too-deep` (where the limit was hit) or `parse-budget`. */
export function unparsedNotification(d: UnparsedFile): Notification {
  const deep = d.parsed.tooDeep;
  if (deep) {
    return {
      level: "warning",
      kind: "too-deep",
      message: `nested more than ${MAX_TREE_DEPTH} levels deep; the file is not analysed (the rest of its package is)`,
      file: d.file.relPath,
      line: deep.line,
      column: deep.column,
    };
  }
  return {
    level: "warning",
    kind: "parse-budget",
    message: `parsing took longer than its budget of ${d.parsed.overBudget!.budgetMs} ms (GO_HAZARD_PARSE_BUDGET_MS); the file is not analysed (the rest of its package is)`,
    file: d.file.relPath,
  };
}

/**
 * What the loader needs from a file before parsing it: the package clause, the
 * "generated" marker and the build constraint. All three live in the header
 * (comments and blank lines before the package clause), so we scan only that
 * far, line by line, instead of parsing the file. Tree-sitter parses it later;
 * doing it here would double the cost and tie the loader to the parser.
 */
import {
  isIgnoredByConstraint,
  minGoVersion,
  parseGoBuildExpr,
  parsePlusBuildLines,
  type ConstraintExpr,
} from "./build-constraints.js";

export interface FileHeader {
  /** "" when there is no package clause (the parser will report the syntax error). */
  packageName: string;
  /** Has the `// Code generated ... DO NOT EDIT.` line (golang.org/s/generatedcode). */
  generated: boolean;
  /** Build constraint can never hold because it needs the `ignore` tag. */
  ignored: boolean;
  /** Minimum Go version the constraint requires, e.g. "1.22". */
  buildGoVersion: string | null;
  /** The `//go:build` (or valid `// +build`) constraint, parsed; null when none. */
  constraint: ConstraintExpr | null;
}

const GENERATED_RE = /^\/\/ Code generated .* DO NOT EDIT\.$/;
const GO_BUILD_RE = /^\/\/go:build(?:[ \t](.*))?$/;
const PLUS_BUILD_RE = /^\/\/\s*\+build(?:[ \t](.*))?$/;
// Sticky so it matches exactly where the first non-comment token starts. The
// identifier may be on the next line: `package` and the name are separate tokens.
const PACKAGE_RE = /package[ \t\r\n\f]+([\p{L}_][\p{L}\p{Nd}_]*)/uy;

export function scanHeader(text: string): FileHeader {
  let packageName = "";
  let generated = false;
  let goBuild: string | null = null;
  /** `// +build` lines with the offset of the line, kept only if a blank line follows them. */
  const plusBuild: { offset: number; text: string }[] = [];
  let lastBlankLine = -1;
  let inBlockComment = false;

  let lineStart = 0;
  scan: while (lineStart < text.length) {
    let eol = text.indexOf("\n", lineStart);
    if (eol < 0) eol = text.length;
    let line = text.slice(lineStart, eol);
    if (line.endsWith("\r")) line = line.slice(0, -1);
    const offset = lineStart;
    lineStart = eol + 1;

    let i = 0;
    const startedInComment = inBlockComment;
    if (inBlockComment) {
      const close = line.indexOf("*/");
      if (close < 0) continue;
      inBlockComment = false;
      i = close + 2;
    }
    if (!startedInComment && line.trim() === "") {
      lastBlankLine = offset;
      continue;
    }
    let firstOnLine = !startedInComment;
    while (i < line.length) {
      const c = line[i]!;
      if (c === " " || c === "\t" || c === "\f" || c === "\v") {
        i++;
        continue;
      }
      if (line.startsWith("//", i)) {
        // Directives count only when the comment is the whole line, as in go/build.
        if (firstOnLine) {
          const comment = line.slice(i).trimEnd();
          if (GENERATED_RE.test(line)) generated = true;
          const gb = GO_BUILD_RE.exec(comment);
          if (gb && goBuild === null) goBuild = gb[1] ?? "";
          const pb = PLUS_BUILD_RE.exec(comment);
          if (pb) plusBuild.push({ offset, text: pb[1] ?? "" });
        }
        break;
      }
      if (line.startsWith("/*", i)) {
        const close = line.indexOf("*/", i + 2);
        if (close < 0) {
          inBlockComment = true;
          break;
        }
        i = close + 2;
        firstOnLine = false;
        continue;
      }
      // First token that is not a comment: the package clause, or a syntax error.
      PACKAGE_RE.lastIndex = offset + i;
      const m = PACKAGE_RE.exec(text);
      if (m) packageName = m[1]!;
      break scan;
    }
  }

  let constraint: ConstraintExpr | null = null;
  if (goBuild !== null) {
    constraint = parseGoBuildExpr(goBuild);
  } else {
    // `// +build` lines must be followed by a blank line to count (go/build rule).
    const valid = plusBuild.filter((p) => p.offset < lastBlankLine).map((p) => p.text);
    if (valid.length > 0) constraint = parsePlusBuildLines(valid);
  }
  return {
    packageName,
    generated,
    ignored: constraint !== null && isIgnoredByConstraint(constraint),
    buildGoVersion: constraint === null ? null : minGoVersion(constraint),
    constraint,
  };
}

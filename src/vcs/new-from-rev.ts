/**
 * `--new-from-rev REV`: keep only findings that the changes since REV touch.
 *
 * A change touches a top-level declaration (function, method, var/const/type
 * block) when a changed line falls inside it. A finding is kept when any
 * location of its evidence lies in a touched declaration or on a changed
 * line: its own position, its related locations (for a race: the other
 * access), and the steps of its goroutine flows (where the value was made,
 * where the goroutine was started). So a race introduced by editing either
 * side, or by adding the `go` statement, shows up; findings in untouched
 * functions do not. New (untracked or added) files count as changed whole.
 *
 * Declaration spans come from parsing the changed files' current text (only
 * files that some finding points into).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Finding, SourceSpan } from "../report/finding.js";
import { parseGo } from "../parse/parser.js";
import type { ChangeSet, ChangedLines } from "./git.js";

interface FileChanges {
  lines: ChangedLines;
  /** Touched top-level declarations as [startLine, endLine]; computed on first use. */
  touched?: [number, number][];
}

function touchedDeclarations(text: string, lines: Set<number>): [number, number][] {
  const out: [number, number][] = [];
  const parsed = parseGo(text);
  for (const decl of parsed.root.children) {
    if (decl.type === "comment" || decl.type === "package_clause") continue;
    const start = decl.loc.start.line;
    const end = decl.loc.end.line;
    for (const l of lines) {
      if (l >= start && l <= end) {
        out.push([start, end]);
        break;
      }
    }
  }
  return out;
}

export class ChangeFilter {
  private readonly files = new Map<string, FileChanges>();

  constructor(
    changes: ChangeSet,
    private readonly runRoot: string,
    /** File text by run-relative path when already loaded; read from disk otherwise. */
    private readonly textOf: (file: string) => string | undefined = () => undefined,
  ) {
    for (const [file, lines] of changes.files) this.files.set(file, { lines });
  }

  /** Is this location on a changed line or inside a changed declaration? */
  touches(loc: Pick<SourceSpan, "file" | "line" | "endLine">): boolean {
    const fc = this.files.get(loc.file);
    if (!fc) return false;
    if (fc.lines === "all") return true;
    for (let l = loc.line; l <= Math.max(loc.line, loc.endLine); l++) if (fc.lines.has(l)) return true;
    if (fc.touched === undefined) {
      let text = this.textOf(loc.file);
      if (text === undefined) {
        try {
          text = fs.readFileSync(path.join(this.runRoot, loc.file), "utf8");
        } catch {
          text = "";
        }
      }
      try {
        fc.touched = text === "" ? [] : touchedDeclarations(text, fc.lines);
      } catch {
        fc.touched = [];
      }
    }
    return fc.touched.some(([s, e]) => loc.line >= s && loc.line <= e);
  }

  /** Does the change touch any location of the finding's evidence? */
  keeps(f: Finding): boolean {
    if (this.touches(f)) return true;
    if (f.related.some((r) => this.touches(r))) return true;
    return f.flows.some((t) => t.steps.some((s) => this.touches(s)));
  }

  apply(findings: readonly Finding[]): { findings: Finding[]; dropped: number } {
    const kept = findings.filter((f) => this.keeps(f));
    return { findings: kept, dropped: findings.length - kept.length };
  }
}

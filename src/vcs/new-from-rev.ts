/**
 * `--new-from-rev REV`: keep only findings that the changes since REV touch.
 *
 * A change touches a top-level declaration (function, method, var/const/type
 * block) when a changed line falls inside it. A finding is kept when its
 * evidence lies in a touched declaration: its own position, its first related
 * location (for a race: the other access) and the steps of its goroutine
 * flows (where the goroutine was started, the accesses). So a race introduced
 * by editing either side, or by adding the `go` statement, shows up; findings
 * in untouched functions do not. Creation sites and other related locations
 * count only when their own line changed. New (untracked or added) files
 * count as changed whole.
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

  /**
   * Is this location on a changed line, or (unless `lineOnly`) inside a
   * changed top-level declaration?
   */
  touches(loc: Pick<SourceSpan, "file" | "line" | "endLine">, lineOnly = false): boolean {
    const fc = this.files.get(loc.file);
    if (!fc) return false;
    if (fc.lines === "all") return true;
    for (let l = loc.line; l <= Math.max(loc.line, loc.endLine); l++) if (fc.lines.has(l)) return true;
    if (lineOnly) return false;
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

  /**
   * Does the change touch the finding? Its own position, its first related
   * location (a race's other access) and the goroutine path's accesses,
   * spawns and hand-offs count when their declaration changed. Other related
   * locations and creation sites (`m is created here`, a struct field's
   * declaration) count only when their own line changed: adding a field to a
   * struct must not bring back every race on the struct's other fields.
   */
  keeps(f: Finding): boolean {
    if (this.touches(f)) return true;
    if (f.related.length > 0 && this.touches(f.related[0]!)) return true;
    if (f.related.some((r) => this.touches(r, true))) return true;
    return f.flows.some((t) => t.steps.some((s) => this.touches(s, s.kind === "create")));
  }

  apply(findings: readonly Finding[]): { findings: Finding[]; dropped: number } {
    const kept = findings.filter((f) => this.keeps(f));
    return { findings: kept, dropped: findings.length - kept.length };
  }
}

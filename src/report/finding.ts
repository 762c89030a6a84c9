/**
 * The data every output format is built from. A Finding is what a rule (or the
 * parser) reported, already resolved to a file position and enriched with the
 * evidence the analysis kept (related locations, the value's path).
 *
 * Positions: lines are 1-based; columns are 1-based and counted in UTF-16 code
 * units (what ESLint reports and what SARIF's default `utf16CodeUnits` means).
 * `file` is relative to the run's root directory, with forward slashes.
 */

export type Severity = "error" | "warning" | "note";

export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Another place that matters to a finding: the other access of a race, where a value was created. */
export interface RelatedLocation extends SourceSpan {
  /** Stable small integer, unique within the finding; SARIF messages link to it as `[text](id)`. */
  id: number;
  message: string;
}

/** One step of the path that explains a finding (where a value is created → how it reaches a goroutine → the access). */
export interface FlowStep extends SourceSpan {
  message: string;
  kind: "create" | "reach" | "spawn" | "access";
}

/** One thread of execution in the explanation: steps in the order they happen on that goroutine. */
export interface ThreadFlow {
  /** Human name of the goroutine, e.g. `main goroutine` or `goroutine started at worker.go:12`. */
  thread: string;
  steps: FlowStep[];
}

export interface Finding extends SourceSpan {
  /** Rule id without the plugin prefix, e.g. `map-race`. */
  ruleId: string;
  severity: Severity;
  /** First sentence works as a title; related locations may be referred to as `[text](id)`. */
  message: string;
  related: RelatedLocation[];
  /** For race findings: one thread flow per goroutine involved. Empty for others. */
  flows: ThreadFlow[];
  /**
   * Semantic identity of the finding that survives line moves: rule, enclosing
   * function, object and access shape. Used by baselines and SARIF fingerprints.
   */
  fingerprint: string;
  /** Enclosing function (`(*Cache).Put`, `main`, `init`, ...) when known. */
  function?: string;
  /** The object the finding is about (`cache.items`, `m`), when there is one. */
  object?: string;
}

/** Something about the run itself rather than the code: a parse error, an unreadable file, an internal error. */
export interface Notification {
  level: "error" | "warning" | "note";
  /** `parse-error`, `load-error`, `internal-error`, `results-truncated`, ... */
  kind: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Compare findings into the one order every output uses: file, position, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message) ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn
  );
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sort and drop exact duplicates (same rule, same span, same message). */
export function sortAndDedupe(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort(compareFindings);
  const out: Finding[] = [];
  for (const f of sorted) {
    const prev = out[out.length - 1];
    if (prev && compareFindings(prev, f) === 0) continue;
    out.push(f);
  }
  return out;
}

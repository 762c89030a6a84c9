/**
 * The default, human-readable output:
 *
 *     cache.go:12:3: error: map cache.items is written here and read in a goroutine without a lock [map-race]
 *        12 |     c.items[k] = v
 *           |     ^~~~~~~~~~~~~~
 *       cache.go:20:10: the concurrent read
 *
 *     1 finding (1 error)
 */
import type { Finding, Notification, Severity } from "./finding.js";
import type { ReportInput } from "./report-input.js";
import { createSourceCache, replaceMessageLinks, type SourceCache } from "./source.js";

export interface TextOptions {
  /** ANSI colours; the CLI turns them on for a TTY without NO_COLOR. */
  color: boolean;
  /** Print the code frame under each finding (default true). */
  codeFrame?: boolean;
  /** Also print each goroutine's path (thread flows) under race findings (default false). */
  flows?: boolean;
}

const ANSI = {
  reset: "\u001b[0m",
  bold: "\u001b[1m",
  dim: "\u001b[2m",
  red: "\u001b[31m",
  yellow: "\u001b[33m",
  cyan: "\u001b[36m",
};

type Style = (s: string) => string;

interface Palette {
  location: Style;
  severity: Record<Severity, Style>;
  marker: Record<Severity, Style>;
  rule: Style;
  gutter: Style;
}

function palette(color: boolean): Palette {
  const plain: Style = (s) => s;
  if (!color) {
    return {
      location: plain,
      severity: { error: plain, warning: plain, note: plain },
      marker: { error: plain, warning: plain, note: plain },
      rule: plain,
      gutter: plain,
    };
  }
  const wrap =
    (...codes: string[]): Style =>
    (s) =>
      s === "" ? s : codes.join("") + s + ANSI.reset;
  return {
    location: wrap(ANSI.bold),
    severity: {
      error: wrap(ANSI.bold, ANSI.red),
      warning: wrap(ANSI.bold, ANSI.yellow),
      note: wrap(ANSI.bold, ANSI.cyan),
    },
    marker: { error: wrap(ANSI.red), warning: wrap(ANSI.yellow), note: wrap(ANSI.cyan) },
    rule: wrap(ANSI.dim),
    gutter: wrap(ANSI.dim),
  };
}

/** Longest source line shown in a code frame; longer lines are cut around the span. */
const MAX_FRAME_WIDTH = 160;

export function formatText(input: ReportInput, options: TextOptions): string {
  const p = palette(options.color);
  const sources = createSourceCache(input.cwd);
  const out: string[] = [];

  for (const n of input.notifications) out.push(formatNotification(n, p));

  for (const f of input.findings) {
    // The first sentence is the finding's title and stays on the location
    // line (what editors' problem matchers read); the explanation follows
    // under the code frame, wrapped, so that no line runs to 400 characters.
    const [title, rest] = splitFirstSentence(oneLine(plainMessage(f)));
    out.push(
      `${p.location(`${f.file}:${Math.max(1, f.line)}:${Math.max(1, f.column)}`)}: ${p.severity[f.severity](f.severity)}: ` +
        `${title} ${p.rule(`[${f.ruleId}]`)}`,
    );
    if (options.codeFrame !== false) {
      const frame = codeFrame(sources, f, p.marker[f.severity], p.gutter);
      if (frame) out.push(frame);
    }
    if (rest !== "") for (const line of wrap(rest, WRAP_WIDTH - 2)) out.push(`  ${line}`);
    for (const r of f.related) {
      out.push(`  ${p.location(`${r.file}:${r.line}:${r.column}`)}: ${oneLine(r.message)}`);
    }
    if (options.flows) {
      for (const t of f.flows) {
        out.push(`  ${oneLine(t.thread)}:`);
        for (const s of t.steps) out.push(`    ${p.location(`${s.file}:${s.line}:${s.column}`)}: ${oneLine(s.message)}`);
      }
    }
  }

  const summary = summaryLine(input.findings);
  if (summary) {
    if (out.length > 0) out.push("");
    out.push(summary);
  }
  return out.length === 0 ? "" : out.join("\n") + "\n";
}

function formatNotification(n: Notification, p: Palette): string {
  const where = n.file ? `${n.file}${n.line ? `:${n.line}${n.column ? `:${n.column}` : ""}` : ""}: ` : "";
  return `go-hazard: ${p.severity[n.level](n.level)}: ${where}${oneLine(n.message)}`;
}

/** `N findings (x errors, y warnings, z notes)`, or "" when there are none. */
export function summaryLine(findings: readonly Finding[]): string {
  if (findings.length === 0) return "";
  const count = { error: 0, warning: 0, note: 0 };
  for (const f of findings) count[f.severity]++;
  const parts: string[] = [];
  if (count.error) parts.push(plural(count.error, "error"));
  if (count.warning) parts.push(plural(count.warning, "warning"));
  if (count.note) parts.push(plural(count.note, "note"));
  return `${plural(findings.length, "finding")} (${parts.join(", ")})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Width the explanation under a finding is wrapped to. */
const WRAP_WIDTH = 100;

/**
 * A message's first sentence and the rest: the sentence ends at `.`, `!` or
 * `?` followed by a space (so `c.items` and `ttl.go:60` don't end it).
 */
export function splitFirstSentence(message: string): [string, string] {
  const m = /^(.+?[.!?])\s+(\S[\s\S]*)$/.exec(message);
  return m ? [m[1]!, m[2]!] : [message, ""];
}

/** Greedy word wrap; a word longer than the width gets a line of its own. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= width) line += " " + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** The message with `[text](id)` links to related locations reduced to their text. */
function plainMessage(f: Finding): string {
  return replaceMessageLinks(f.message, f.related, (text) => text);
}

function oneLine(s: string): string {
  return sanitize(s.replace(/\s*(\r\n|\r|\n)\s*/g, " "));
}

/** Control characters (other than tab) from source or messages must not reach the terminal. */
function sanitize(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "\ufffd");
}

function codeFrame(sources: SourceCache, f: Finding, marker: Style, gutter: Style): string | undefined {
  const lines = sources.lines(f.file);
  if (!lines || f.line < 1 || f.line > lines.length) return undefined;
  let text = sanitize(lines[f.line - 1]!);
  let start = Math.max(1, Math.min(f.column, text.length + 1)) - 1; // 0-based, inclusive
  let end = f.endLine === f.line ? Math.max(f.endColumn - 1, start + 1) : text.length; // exclusive
  end = Math.min(Math.max(end, start + 1), Math.max(text.length, start + 1));

  // Cut very long lines to a window around the span.
  let prefix = "";
  if (text.length > MAX_FRAME_WIDTH) {
    const from = Math.max(0, Math.min(start - 40, text.length - MAX_FRAME_WIDTH));
    const to = Math.min(text.length, from + MAX_FRAME_WIDTH);
    prefix = from > 0 ? "…" : "";
    text = prefix + text.slice(from, to) + (to < text.length ? "…" : "");
    start = start - from + prefix.length;
    end = Math.min(end - from + prefix.length, text.length);
    if (end <= start) end = start + 1;
  }

  // Keep tabs in the underline so it lines up with the source.
  const pad = text.slice(0, start).replace(/[^\t]/g, " ");
  const underline = "^" + "~".repeat(Math.max(0, end - start - 1));
  const num = String(f.line);
  const blank = " ".repeat(num.length);
  return (
    `  ${gutter(`${num} |`)} ${text.replace(/\s+$/, "")}\n` + `  ${gutter(`${blank} |`)} ${pad}${marker(underline)}`
  );
}

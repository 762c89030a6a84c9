/**
 * `--format github`: GitHub Actions workflow commands, which the runner turns
 * into annotations on the pull request's diff:
 *
 *     ::error file=cache.go,line=12,endLine=12,col=3,endColumn=17,title=go-hazard/map-race::map cache.items ... [map-race]
 *
 * GitHub shows at most 10 errors, 10 warnings and 10 notices per step and
 * silently drops the rest, so we choose which ones are shown: the first 10 of
 * each kind (in the run's order, errors first), and a notice saying how many
 * were left out. With `GITHUB_STEP_SUMMARY` set, a markdown table of every
 * finding is appended to the job summary.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Finding, Notification, Severity } from "./finding.js";
import type { ReportInput } from "./report-input.js";
import { replaceMessageLinks } from "./source.js";
import { summaryLine } from "./text.js";

/** Annotations of one kind GitHub shows per step. */
export const ANNOTATIONS_PER_KIND = 10;
/** GitHub's limit for one step's summary. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

type Command = "error" | "warning" | "notice";

const COMMAND: Record<Severity, Command> = { error: "error", warning: "warning", note: "notice" };

/** Escape a workflow command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escape a workflow command property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

interface Annotation {
  command: Command;
  properties: [string, string | number][];
  message: string;
}

export function formatGithub(input: ReportInput, env: NodeJS.ProcessEnv = process.env): string {
  const prefix = workspacePrefix(input.cwd, env.GITHUB_WORKSPACE);
  const all: Annotation[] = [
    ...input.findings.map((f) => findingAnnotation(f, prefix)),
    ...input.notifications.map((n) => notificationAnnotation(n, prefix)),
  ];

  const shown: Annotation[] = [];
  const omitted: Record<Command, number> = { error: 0, warning: 0, notice: 0 };
  const total: Record<Command, number> = { error: 0, warning: 0, notice: 0 };
  for (const a of all) total[a.command]++;
  const anyOmitted = (["error", "warning", "notice"] as const).some((c) => total[c] > ANNOTATIONS_PER_KIND);
  // The closing notice is itself a notice: keep room for it.
  const cap: Record<Command, number> = {
    error: ANNOTATIONS_PER_KIND,
    warning: ANNOTATIONS_PER_KIND,
    notice: anyOmitted ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND,
  };
  for (const command of ["error", "warning", "notice"] as const) {
    const ofKind = all.filter((a) => a.command === command);
    shown.push(...ofKind.slice(0, cap[command]));
    omitted[command] = Math.max(0, ofKind.length - cap[command]);
  }

  const lines = shown.map(render);
  const left = omitted.error + omitted.warning + omitted.notice;
  if (left > 0) {
    const parts = [
      omitted.error ? `${omitted.error} error${omitted.error === 1 ? "" : "s"}` : "",
      omitted.warning ? `${omitted.warning} warning${omitted.warning === 1 ? "" : "s"}` : "",
      omitted.notice ? `${omitted.notice} note${omitted.notice === 1 ? "" : "s"}` : "",
    ].filter(Boolean);
    const where = env.GITHUB_STEP_SUMMARY ? "the job summary" : "the log (run with --format text)";
    lines.push(
      render({
        command: "notice",
        properties: [["title", "go-hazard"]],
        message:
          `${left} more go-hazard annotation${left === 1 ? " was" : "s were"} left out ` +
          `(${parts.join(", ")}): GitHub shows ${ANNOTATIONS_PER_KIND} per kind and step. See ${where} for all findings.`,
      }),
    );
  }

  if (env.GITHUB_STEP_SUMMARY) writeStepSummary(env.GITHUB_STEP_SUMMARY, input, prefix);
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
}

function render(a: Annotation): string {
  const props = a.properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",");
  return `::${a.command}${props ? " " + props : ""}::${escapeData(a.message)}`;
}

function findingAnnotation(f: Finding, prefix: string): Annotation {
  const properties: [string, string | number][] = [["file", prefix + f.file]];
  if (f.line >= 1) {
    properties.push(["line", f.line]);
    const endLine = f.endLine >= f.line ? f.endLine : f.line;
    properties.push(["endLine", endLine]);
    // GitHub accepts columns only for single-line annotations.
    if (endLine === f.line && f.column >= 1) {
      properties.push(["col", f.column]);
      if (f.endColumn >= f.column) properties.push(["endColumn", f.endColumn]);
    }
  }
  properties.push(["title", `go-hazard/${f.ruleId}`]);
  const message = replaceMessageLinks(f.message, f.related, (text, id) => {
    const r = f.related.find((x) => x.id === id)!;
    return `${text} (${prefix}${r.file}:${r.line}:${r.column})`;
  });
  const related = f.related.map((r) => `\n  ${prefix}${r.file}:${r.line}:${r.column}: ${r.message}`).join("");
  return { command: COMMAND[f.severity], properties, message: `${message} [${f.ruleId}]${related}` };
}

function notificationAnnotation(n: Notification, prefix: string): Annotation {
  const properties: [string, string | number][] = [];
  if (n.file) {
    properties.push(["file", prefix + n.file]);
    if (n.line !== undefined && n.line >= 1) {
      properties.push(["line", n.line]);
      if (n.column !== undefined && n.column >= 1) properties.push(["col", n.column]);
    }
  }
  properties.push(["title", `go-hazard: ${n.kind}`]);
  return { command: COMMAND[n.level], properties, message: n.message };
}

/**
 * Annotation paths must be relative to the repository root; findings are
 * relative to the run root. When the run root is inside GITHUB_WORKSPACE,
 * prefix the difference.
 */
function workspacePrefix(cwd: string, workspace: string | undefined): string {
  if (!workspace) return "";
  const rel = path.relative(path.resolve(workspace), path.resolve(cwd));
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return "";
  return rel.split(path.sep).join("/") + "/";
}

/** Markdown-table cell text: one line, pipes escaped, HTML-ish characters neutralised. */
function cell(s: string): string {
  return s
    .replace(/\r\n|\r|\n/g, " ")
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .trim();
}

/** The job-summary markdown for all findings, kept under `limit` bytes (UTF-8). */
export function stepSummaryMarkdown(input: ReportInput, limit = STEP_SUMMARY_LIMIT, prefix = ""): string {
  const head = ["## go-hazard", ""];
  if (input.findings.length === 0) {
    head.push("No findings.");
  } else {
    head.push(summaryLine(input.findings) + ".", "", "| Location | Rule | Severity | Message |", "| --- | --- | --- | --- |");
  }
  let text = head.join("\n") + "\n";
  let bytes = Buffer.byteLength(text);
  const reserve = 200; // room for the "left out" line
  let written = 0;
  for (const f of input.findings) {
    const message = replaceMessageLinks(f.message, f.related, (t) => t);
    const row = `| \`${cell(`${prefix}${f.file}:${f.line}`).replace(/`/g, "'")}\` | ${cell(f.ruleId)} | ${f.severity} | ${cell(message)} |\n`;
    const n = Buffer.byteLength(row);
    if (bytes + n + reserve > limit) break;
    text += row;
    bytes += n;
    written++;
  }
  if (written < input.findings.length) {
    text += `\n${input.findings.length - written} more findings are not listed (the summary is limited to 1 MiB).\n`;
  }
  if (input.notifications.length > 0) {
    const notes = ["", "### Notifications", ""];
    for (const n of input.notifications) {
      const where = n.file ? `\`${cell(`${prefix}${n.file}${n.line ? `:${n.line}` : ""}`).replace(/`/g, "'")}\`: ` : "";
      notes.push(`- ${n.level}: ${where}${cell(n.message)}`);
    }
    const extra = notes.join("\n") + "\n";
    if (Buffer.byteLength(text) + Buffer.byteLength(extra) <= limit) text += extra;
  }
  return text;
}

function writeStepSummary(file: string, input: ReportInput, prefix: string): void {
  let existing = 0;
  try {
    existing = fs.statSync(file).size;
  } catch {
    existing = 0;
  }
  const room = STEP_SUMMARY_LIMIT - existing;
  if (room < 1024) return;
  try {
    fs.appendFileSync(file, stepSummaryMarkdown(input, room - 1, prefix) + "\n");
  } catch {
    // The summary is a convenience; never fail the report because of it.
  }
}

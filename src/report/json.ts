/**
 * `--format json`: a stable, documented JSON document (docs/output-formats.md).
 * Keys are always written in the same order; optional keys (`function`,
 * `object`, notification positions) are left out when unknown.
 * Bump JSON_FORMAT_VERSION on any incompatible change.
 */
import type { Finding, Notification } from "./finding.js";
import type { ReportInput } from "./report-input.js";
import type { RuleInfo } from "./rule-info.js";

export const JSON_FORMAT_VERSION = 1;

export interface JsonSpan {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonRelated extends JsonSpan {
  id: number;
  message: string;
}

export interface JsonFlowStep extends JsonSpan {
  kind: string;
  message: string;
}

export interface JsonFinding extends JsonSpan {
  ruleId: string;
  severity: string;
  message: string;
  function?: string;
  object?: string;
  fingerprint: string;
  checklist: string[];
  cwe: number[];
  related: JsonRelated[];
  flows: { thread: string; steps: JsonFlowStep[] }[];
}

export interface JsonNotification {
  level: string;
  kind: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface JsonReport {
  version: number;
  tool: { name: "go-hazard"; version: string };
  findings: JsonFinding[];
  notifications: JsonNotification[];
}

export function formatJson(input: ReportInput): string {
  return JSON.stringify(buildJsonReport(input), null, 2) + "\n";
}

export function buildJsonReport(input: ReportInput): JsonReport {
  const rules = new Map<string, RuleInfo>();
  for (const r of input.rules) if (!rules.has(r.id)) rules.set(r.id, r);
  return {
    version: JSON_FORMAT_VERSION,
    tool: { name: "go-hazard", version: input.toolVersion },
    findings: input.findings.map((f) => jsonFinding(f, rules.get(f.ruleId))),
    notifications: input.notifications.map(jsonNotification),
  };
}

function span(s: JsonSpan): JsonSpan {
  return { file: s.file, line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn };
}

function jsonFinding(f: Finding, rule: RuleInfo | undefined): JsonFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    ...span(f),
    ...(f.function !== undefined ? { function: f.function } : {}),
    ...(f.object !== undefined ? { object: f.object } : {}),
    fingerprint: f.fingerprint,
    checklist: rule ? [...rule.checklist] : [],
    cwe: rule ? [...rule.cwe] : [],
    related: f.related.map((r) => ({ id: r.id, message: r.message, ...span(r) })),
    flows: f.flows.map((t) => ({
      thread: t.thread,
      steps: t.steps.map((s) => ({ kind: s.kind, message: s.message, ...span(s) })),
    })),
  };
}

function jsonNotification(n: Notification): JsonNotification {
  const out: JsonNotification = { level: n.level, kind: n.kind, message: n.message };
  if (n.file !== undefined) out.file = n.file;
  if (n.line !== undefined) out.line = n.line;
  if (n.column !== undefined) out.column = n.column;
  return out;
}

/**
 * ESLint's LintMessages → go-hazard Findings: strip the plugin prefix, take
 * the severity from go-hazard's config (ESLint only has warn/error), join the
 * evidence recorded by `reportWithEvidence`, and compute the fingerprint.
 */
import { createHash } from "node:crypto";
import type { Linter } from "eslint";
import type { GoRule } from "../eslint/rule.js";
import type { Finding, Notification, Severity } from "../report/finding.js";
import type { Evidence } from "../eslint/rule.js";
import { interpolate } from "../eslint/evidence.js";
import type { EvidenceRecord } from "../eslint/services.js";
import { PLUGIN_PREFIX } from "../eslint/directives.js";

/**
 * Semantic identity of a finding: rule, file, enclosing function, object and
 * the rule's fingerprint parts (or the message). No line numbers, so a finding
 * keeps its fingerprint when code above it moves.
 */
export function fingerprint(parts: {
  ruleId: string;
  file: string;
  function?: string | undefined;
  object?: string | undefined;
  fingerprintParts?: string[] | undefined;
  message: string;
}): string {
  const fields = [
    parts.ruleId,
    parts.file,
    parts.function ?? "",
    parts.object ?? "",
    ...(parts.fingerprintParts && parts.fingerprintParts.length > 0 ? parts.fingerprintParts : [parts.message]),
  ];
  return createHash("sha256").update(fields.join("\u0000")).digest("hex").slice(0, 16);
}

function joinKey(ruleId: string, line: number, column: number, message: string): string {
  return `${ruleId}\u0000${line}\u0000${column}\u0000${message}`;
}

/** The message ESLint will have produced for a recorded report. */
function recordMessage(r: EvidenceRecord, rules: Readonly<Record<string, GoRule>>): string | undefined {
  if (r.message !== undefined) return interpolate(r.message, r.data);
  if (r.messageId === undefined) return undefined;
  const id = r.ruleId.startsWith(PLUGIN_PREFIX) ? r.ruleId.slice(PLUGIN_PREFIX.length) : r.ruleId;
  const template = rules[id]?.meta.messages[r.messageId];
  return template === undefined ? undefined : interpolate(template, r.data);
}

export interface ConvertContext {
  /** File path relative to the run root. */
  file: string;
  /** Enabled rules (without prefix) → severity. */
  severities: Record<string, Severity>;
  evidence: readonly EvidenceRecord[];
  /** The run's rules, by id. */
  rules: Readonly<Record<string, GoRule>>;
}

export function convertMessages(
  messages: readonly Linter.LintMessage[],
  ctx: ConvertContext,
): { findings: Finding[]; notifications: Notification[] } {
  const byKey = new Map<string, Evidence[]>();
  for (const r of ctx.evidence) {
    const msg = recordMessage(r, ctx.rules);
    if (msg === undefined) continue;
    const key = joinKey(r.ruleId, r.line, r.column, msg);
    const list = byKey.get(key);
    if (list) list.push(r.evidence);
    else byKey.set(key, [r.evidence]);
  }

  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  for (const m of messages) {
    const ruleId =
      m.ruleId && m.ruleId.startsWith(PLUGIN_PREFIX) && ctx.rules[m.ruleId.slice(PLUGIN_PREFIX.length)]
        ? m.ruleId.slice(PLUGIN_PREFIX.length)
        : null;
    if (ruleId === null || m.fatal) {
      // Not one of our rules' reports: a bad directive (unknown rule id in an
      // eslint-disable comment, malformed inline config) or a fatal error.
      notifications.push({
        level: m.fatal ? "error" : "warning",
        kind: m.fatal ? "internal-error" : "directive",
        message: m.message,
        file: ctx.file,
        line: m.line,
        column: m.column,
      });
      continue;
    }
    // A rule turned on by an inline `/* eslint go-hazard/x: "warn" */` comment
    // has no go-hazard severity: take ESLint's.
    const severity: Severity = ctx.severities[ruleId] ?? (m.severity === 2 ? "error" : "warning");
    const list = byKey.get(joinKey(m.ruleId!, m.line, m.column, m.message));
    const ev: Evidence = list?.shift() ?? {};
    const line = m.line;
    const column = m.column;
    const finding: Finding = {
      ruleId,
      severity,
      message: m.message,
      file: ctx.file,
      line,
      column,
      endLine: m.endLine ?? line,
      endColumn: m.endColumn ?? column,
      related: (ev.related ?? []).map((r, i) => ({ ...r, id: i + 1 })),
      flows: ev.flows ?? [],
      fingerprint: fingerprint({
        ruleId,
        file: ctx.file,
        function: ev.function,
        object: ev.object,
        fingerprintParts: ev.fingerprintParts,
        message: m.message,
      }),
      ...(ev.function !== undefined ? { function: ev.function } : {}),
      ...(ev.object !== undefined ? { object: ev.object } : {}),
    };
    findings.push(finding);
  }
  return { findings, notifications };
}

/**
 * Reports that carry more than ESLint can: related locations, thread flows,
 * fingerprint parts. ESLint's LintMessage has no room for custom data, so the
 * evidence is recorded on the side, keyed by what the message will carry
 * (rule id, start line and column, message), and the engine joins the two
 * after `verify` (see src/engine/convert.ts).
 */
import type { Evidence, GoRuleContext, ReportDescriptor } from "./rule.js";
import type { GoParserServices } from "./services.js";

/** ESLint's placeholder syntax: `{{ name }}`; unknown names stay as written. */
export function interpolate(template: string, data: Record<string, unknown> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{([^{}]+?)\}\}/g, (whole, name: string) => {
    const key = name.trim();
    return Object.hasOwn(data, key) ? String(data[key]) : whole;
  });
}

/** Start of a report as ESLint will put it on the message: 1-based line, 1-based column. */
function reportStart(descriptor: ReportDescriptor): { line: number; column: number } | null {
  const loc = descriptor.loc as
    | { start?: { line: number; column: number }; line?: number; column?: number }
    | undefined;
  if (loc) {
    if (loc.start) return { line: loc.start.line, column: loc.start.column + 1 };
    if (typeof loc.line === "number" && typeof loc.column === "number") return { line: loc.line, column: loc.column + 1 };
  }
  if (descriptor.node) {
    const start = descriptor.node.loc.start;
    return { line: start.line, column: start.column + 1 };
  }
  return null;
}

/**
 * `context.report(descriptor)` plus the evidence that explains it. Rules call
 * this instead of `context.report` when they have related locations or flows.
 * Outside the go-hazard engine (plain ESLint) the evidence is simply dropped.
 */
export function reportWithEvidence(context: GoRuleContext, descriptor: ReportDescriptor, evidence: Evidence): void {
  context.report(descriptor);
  const services = context.sourceCode.parserServices as Partial<GoParserServices> | undefined;
  const sink = services?.evidence;
  if (!sink) return;
  const start = reportStart(descriptor);
  if (!start) return;
  const raw = descriptor as ReportDescriptor & { message?: string };
  sink.add({
    ruleId: context.id,
    line: start.line,
    column: start.column,
    ...(raw.messageId !== undefined ? { messageId: raw.messageId } : {}),
    ...(raw.message !== undefined ? { message: raw.message } : {}),
    ...(raw.data !== undefined ? { data: raw.data } : {}),
    evidence,
  });
}

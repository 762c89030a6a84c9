/**
 * `unused-suppression`: suppression comments that suppress nothing.
 *
 * ESLint does the bookkeeping: with `reportUnusedDisableDirectives` on (the
 * engine's config turns it on with the pseudo-rule), every directive that
 * suppressed no message comes back as an "Unused eslint-disable directive"
 * message at its comment, which the engine keeps as a `directive`
 * notification. Here, in the main thread, each comment's messages are joined
 * with the comment's text and judged the way a Go user expects:
 *
 *   - a bare `//nolint` or `//nolint:all` is shared with other linters: never reported;
 *   - `//nolint:go-hazard` (every rule of ours) is reported only when it
 *     suppressed nothing at all, not once per rule it did not need;
 *   - named rules (`//nolint:go-hazard/map-race`, `//lint:ignore`,
 *     `// eslint-disable-next-line go-hazard/x`) are reported for the names
 *     that suppressed nothing, when those rules ran;
 *   - ESLint's own blanket forms (`// eslint-disable-line`) when unused.
 */
import type { Finding, Notification, Severity } from "../report/finding.js";
import { PLUGIN_PREFIX, parseGoDirective } from "../eslint/directives.js";
import { UNUSED_SUPPRESSION_RULE } from "./config.js";
import { fingerprint } from "./convert.js";

const UNUSED_MESSAGE = /^Unused eslint-(disable|enable) directive/;

export function isUnusedDirectiveNotification(n: Notification): boolean {
  return n.kind === "directive" && UNUSED_MESSAGE.test(n.message);
}

/** The comment starting at a 1-based line and column, or undefined when there is none there. */
function commentAt(text: string, line: number, column: number): { text: string; endColumn: number; endLine: number } | undefined {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", offset);
    if (nl < 0) return undefined;
    offset = nl + 1;
  }
  const start = offset + column - 1;
  if (text.startsWith("//", start)) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const body = text.slice(start, end).replace(/\r$/, "").replace(/\s+$/, "");
    return { text: body, endLine: line, endColumn: column + body.length };
  }
  if (text.startsWith("/*", start)) {
    const close = text.indexOf("*/", start + 2);
    const end = close < 0 ? text.length : close + 2;
    const body = text.slice(start, end);
    const lines = body.split("\n");
    const last = lines[lines.length - 1]!;
    return { text: body, endLine: line + lines.length - 1, endColumn: lines.length === 1 ? column + body.length : last.length + 1 };
  }
  return undefined;
}

/** The directive part of a comment, without its justification, for messages. */
function directiveHead(comment: string): string {
  let head = comment;
  if (head.startsWith("//")) {
    const body = head.slice(2);
    const inner = body.search(/\s\/\//); // `//nolint:x // reason`
    if (inner >= 0) head = `//${body.slice(0, inner)}`;
    const lint = /^\/\/\s*lint:(?:ignore|file-ignore)\s+\S+/.exec(head);
    if (lint) head = lint[0];
  }
  const dashes = head.search(/\s--\s/); // `eslint-disable-line x -- reason`
  if (dashes >= 0) head = head.slice(0, dashes) + (head.startsWith("/*") ? " */" : "");
  head = head.replace(/\s+/g, " ").trim();
  return head.length > 80 ? `${head.slice(0, 77)}...` : head;
}

/** Rule ids quoted in ESLint's message; null when it names none ("no problems were reported"). */
function namesInMessage(message: string): string[] | null {
  const names = [...message.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  return names.length > 0 ? names : null;
}

function stripPrefix(id: string): string {
  return id.startsWith(PLUGIN_PREFIX) ? id.slice(PLUGIN_PREFIX.length) : id;
}

function joinNames(ids: string[]): string {
  return ids.length <= 1 ? (ids[0] ?? "") : `${ids.slice(0, -1).join(", ")} or ${ids[ids.length - 1]}`;
}

export interface UnusedSuppressionInput {
  notifications: readonly Notification[];
  /** File text by run-relative path. */
  text: (file: string) => string | undefined;
  /** Enabled rules → severity (the engine config). */
  rules: Record<string, Severity>;
  /** The rule set's ids. */
  ruleIds: ReadonlySet<string>;
}

/**
 * Turns ESLint's unused-directive notifications into `unused-suppression`
 * findings (when the pseudo-rule is on) and drops them from the notifications.
 */
export function unusedSuppressions(input: UnusedSuppressionInput): { findings: Finding[]; notifications: Notification[] } {
  const severity = input.rules[UNUSED_SUPPRESSION_RULE.id];
  const rest: Notification[] = [];
  const groups = new Map<string, Notification[]>();
  for (const n of input.notifications) {
    if (!isUnusedDirectiveNotification(n)) {
      rest.push(n);
      continue;
    }
    if (severity === undefined || n.file === undefined || n.line === undefined || n.column === undefined) continue;
    const key = `${n.file}\u0000${n.line}\u0000${n.column}`;
    const list = groups.get(key);
    if (list) list.push(n);
    else groups.set(key, [n]);
  }
  const findings: Finding[] = [];
  if (severity === undefined) return { findings, notifications: rest };

  const known = input.ruleIds;
  const enabled = (id: string): boolean => input.rules[id] !== undefined && known.has(id);

  for (const list of groups.values()) {
    const first = list[0]!;
    const file = first.file!;
    const text = input.text(file);
    if (text === undefined) continue;
    const comment = commentAt(text, first.line!, first.column!);
    if (!comment) continue; // the end anchor of an own-line //nolint: not a comment of the user's
    const head = directiveHead(comment.text);
    let everything = false;
    const unused = new Set<string>();
    for (const n of list) {
      if (/^Unused eslint-enable/.test(n.message)) continue;
      const names = namesInMessage(n.message);
      if (names === null) everything = true;
      else for (const id of names) unused.add(stripPrefix(id));
    }
    const enableOnly = list.every((n) => /^Unused eslint-enable/.test(n.message));

    let message: string | undefined;
    const value = comment.text.startsWith("//") ? comment.text.slice(2) : comment.text.slice(2, -2);
    const go = comment.text.startsWith("//") ? parseGoDirective(value, known) : null;
    if (enableOnly) {
      message = `${head} re-enables nothing: no eslint-disable comment before it turns these rules off.`;
    } else if (go) {
      const listed = /^\s*nolint:([^\s]*(?:[ \t]*,[ \t]*[^\s,]+)*)/.exec(value)?.[1] ?? "";
      const names = listed.split(",").map((s) => s.trim().toLowerCase());
      if (go.all || names.includes("all")) continue; // shared with other linters
      if (names.includes("go-hazard")) {
        if (!everything && !go.rules.every((r) => unused.has(stripPrefix(r)))) continue;
        message = `${head} suppresses nothing: go-hazard reports no finding here. Remove it, so that it cannot hide a future finding.`;
      } else {
        const ids = [...unused].filter(enabled).sort();
        if (everything) ids.push(...go.rules.map(stripPrefix).filter(enabled).filter((id) => !ids.includes(id)));
        if (ids.length === 0) continue;
        message = `${head} suppresses nothing: there is no ${joinNames(ids)} finding here. Remove it (or the rule's name), so that it cannot hide a future finding.`;
      }
    } else {
      // ESLint's own comment forms.
      if (everything && unused.size === 0) {
        message = `${head} suppresses nothing: go-hazard reports no finding here. Remove it, so that it cannot hide a future finding.`;
      } else {
        const ids = [...unused].filter(enabled).sort();
        if (ids.length === 0) continue;
        message = `${head} suppresses nothing: there is no ${joinNames(ids)} finding here. Remove it (or the rule's name), so that it cannot hide a future finding.`;
      }
    }
    findings.push({
      ruleId: UNUSED_SUPPRESSION_RULE.id,
      severity,
      message,
      file,
      line: first.line!,
      column: first.column!,
      endLine: comment.endLine,
      endColumn: comment.endColumn,
      related: [],
      flows: [],
      fingerprint: fingerprint({ ruleId: UNUSED_SUPPRESSION_RULE.id, file, message }),
    });
  }
  return { findings, notifications: rest };
}

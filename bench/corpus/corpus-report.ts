/**
 * The corpus run's report: per repository the findings per rule with their
 * verdicts, what is new and what is stale, then the totals. Plain text in
 * fixed columns, for a terminal and for pasting into docs/precision/README.md.
 */
import { messageHead, RACE_RULES } from "./lint.js";
import type { Pin } from "./pins.js";
import type { Matched, TriageEntry } from "./triage.js";

export interface RepoResult {
  pin: Pin;
  seconds: number;
  /** Findings of every rule, parse errors included. */
  allFindings: number;
  /** The race-family findings with their verdicts. */
  matched: Matched[];
  stale: TriageEntry[];
  /** analysis-budget notifications: packages where silence proves nothing. */
  budget: string[];
  /** error-level notifications (internal errors, unreadable files). */
  errors: string[];
  /** Go files the mirror lacks, left out of the tree. */
  missingGo: string[];
}

interface Counts {
  found: number;
  tp: number;
  fp: number;
  /** No entry, or an entry still marked "?". */
  untriaged: number;
}

function count(matched: Matched[]): Counts {
  const c: Counts = { found: matched.length, tp: 0, fp: 0, untriaged: 0 };
  for (const m of matched) {
    if (m.entry?.verdict === "TP") c.tp++;
    else if (m.entry?.verdict === "FP") c.fp++;
    else c.untriaged++;
  }
  return c;
}

export function precision(c: { tp: number; fp: number }): string {
  return c.tp + c.fp === 0 ? "-" : `${c.tp}/${c.tp + c.fp} (${Math.round((100 * c.tp) / (c.tp + c.fp))} %)`;
}

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!))).join("  ");
}

const RULE_WIDTHS = [24, 6, 4, 4, 10, 16];

function ruleTable(matched: Matched[], indent: string): string[] {
  const lines = [indent + row(["rule", "found", "TP", "FP", "untriaged", "precision"], RULE_WIDTHS)];
  for (const rule of RACE_RULES) {
    const c = count(matched.filter((m) => m.finding.ruleId === rule));
    if (c.found > 0) lines.push(indent + row([rule, c.found, c.tp, c.fp, c.untriaged, precision(c)], RULE_WIDTHS));
  }
  return lines;
}

function repoSection(r: RepoResult): string[] {
  const c = count(r.matched);
  const out = [
    `${r.pin.repo} @${r.pin.commit.slice(0, 12)} (${r.pin.kind}): ${r.allFindings} findings, ${c.found} race-family, ${r.seconds.toFixed(1)} s`,
  ];
  if (c.found > 0) out.push(...ruleTable(r.matched, "  "));
  out.push(`  race-family precision: ${precision(c)}`);
  const fresh = r.matched.filter((m) => m.entry === undefined);
  const pending = r.matched.filter((m) => m.entry?.verdict === "?");
  if (fresh.length > 0) out.push(`  untriaged (new):`, ...fresh.map((m) => `    ${findingLine(m)}`));
  if (pending.length > 0) out.push(`  awaiting a verdict ("?" in the triage file):`, ...pending.map((m) => `    ${findingLine(m)}`));
  if (r.stale.length > 0) {
    out.push(`  stale (triaged, no longer reported):`, ...r.stale.map((e) => `    ${e.file}:${e.line} ${e.ruleId} ${e.verdict} ${e.fingerprint}`));
  }
  if (r.budget.length > 0) out.push(`  analysis budget exhausted in ${r.budget.length} package(s):`, ...r.budget.map((m) => `    ${m}`));
  if (r.errors.length > 0) out.push(`  errors:`, ...r.errors.map((m) => `    ${m}`));
  if (r.missingGo.length > 0) out.push(`  Go files absent from the mirror (not linted):`, ...r.missingGo.map((f) => `    ${f}`));
  return out;
}

function findingLine(m: Matched): string {
  const f = m.finding;
  return `${f.file}:${f.line} ${f.ruleId}: ${messageHead(f.message)}`;
}

const TOTAL_WIDTHS = [22, 7, 8, 5, 4, 4, 10, 6, 16, 7];

export function printCorpus(results: RepoResult[], tool: { tool: string; commit: string | null; dirty: boolean }): void {
  const lines: string[] = [
    `go-hazard ${tool.commit ?? "(unknown commit)"}${tool.dirty ? " (with local changes)" : ""}, ${tool.tool}`,
    "",
  ];
  for (const r of results) lines.push(...repoSection(r), "");

  lines.push("Totals (race family: " + RACE_RULES.join(", ") + ")");
  lines.push(row(["repo", "seconds", "findings", "race", "TP", "FP", "untriaged", "stale", "precision", "budget"], TOTAL_WIDTHS));
  for (const r of results) {
    const c = count(r.matched);
    lines.push(row([r.pin.repo, r.seconds.toFixed(1), r.allFindings, c.found, c.tp, c.fp, c.untriaged, r.stale.length, precision(c), r.budget.length], TOTAL_WIDTHS));
  }
  const all = results.flatMap((r) => r.matched);
  const c = count(all);
  const seconds = results.reduce((s, r) => s + r.seconds, 0);
  const findings = results.reduce((s, r) => s + r.allFindings, 0);
  const stale = results.reduce((s, r) => s + r.stale.length, 0);
  const budget = results.reduce((s, r) => s + r.budget.length, 0);
  lines.push(row(["total", seconds.toFixed(1), findings, c.found, c.tp, c.fp, c.untriaged, stale, precision(c), budget], TOTAL_WIDTHS));
  lines.push("", ...ruleTable(all, ""), "", `race-family precision: ${precision(c)}`);
  process.stdout.write(lines.join("\n") + "\n");
}

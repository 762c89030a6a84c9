/**
 * What every output format needs to know about a rule, independent of ESLint:
 * taken from each rule's `meta.docs` (see src/eslint/rule.ts) and from the
 * pseudo-rules the engine reports itself (`parse-error`).
 */
import type { Severity } from "./finding.js";

export type ChecklistId =
  | "DP-1" | "DP-2" | "DP-3" | "DP-4" | "DP-5" | "DP-6" | "DP-7"
  | "DP-8" | "DP-9" | "DP-10" | "DP-11" | "DP-12" | "DP-13";

export interface RuleInfo {
  /** Stable id users write in config and suppressions (`map-race`). */
  id: string;
  /** PascalCase name for SARIF (`MapRace`). */
  name: string;
  /** One sentence. */
  description: string;
  /** Checklist items (../shared/CHECKLIST.md), at least one. */
  checklist: ChecklistId[];
  /** CWE numbers, e.g. [362, 820]. */
  cwe: number[];
  category: "concurrency" | "memory-safety" | "robustness";
  defaultSeverity: Severity;
  /** SARIF precision: how often a finding of this rule is a true positive. */
  precision: "very-high" | "high" | "medium" | "low";
  /** "0.1".."10.0" when a finding is a security risk (crash, memory corruption); absent otherwise. */
  securitySeverity?: string;
  /** On in the `recommended` config. */
  recommended: boolean;
  /** Online documentation page. */
  url: string;
}

export const DOCS_BASE_URL = "https://github.com/go-hazard/go-hazard/blob/main/docs/rules/";

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

export function pascalCase(id: string): string {
  return id
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

/** The engine's own pseudo-rule for files tree-sitter could not fully parse. */
export const PARSE_ERROR_RULE: RuleInfo = {
  id: "parse-error",
  name: "ParseError",
  description:
    "The file has a syntax error; go-hazard analysed what it could, so findings in this file may be incomplete.",
  checklist: ["DP-13"],
  cwe: [],
  category: "robustness",
  defaultSeverity: "warning",
  precision: "very-high",
  recommended: true,
  url: ruleDocsUrl("parse-error"),
};

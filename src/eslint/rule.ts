/**
 * The shape of a go-hazard rule: an ordinary ESLint rule (meta + create) whose
 * `meta.docs` also carries what SARIF and `go-hazard rules` need (checklist
 * items, CWE, precision). `toRuleInfo` turns it into the output layer's RuleInfo.
 */
import type { GoNode } from "../parse/node.js";
import type { GoSourceCode } from "./source-code.js";
import type { ChecklistId, RuleInfo } from "../report/rule-info.js";
import type { FlowStep, RelatedLocation, Severity, ThreadFlow } from "../report/finding.js";
import { pascalCase, ruleDocsUrl } from "../report/rule-info.js";

export interface GoRuleDocs {
  description: string;
  checklist: ChecklistId[];
  cwe: number[];
  category: RuleInfo["category"];
  defaultSeverity: Severity;
  precision: RuleInfo["precision"];
  securitySeverity?: string;
  recommended: boolean;
  url?: string;
}

export interface GoRuleMeta {
  type: "problem" | "suggestion";
  docs: GoRuleDocs;
  messages: Record<string, string>;
  schema: unknown[] | false;
  defaultOptions?: unknown[];
  languages: ["go-hazard/go"];
  /** Names of the analyzers the rule reads (set by `createRule`). */
  requires?: readonly string[];
}

export interface ReportDescriptor {
  node?: GoNode;
  loc?: { start: { line: number; column: number }; end: { line: number; column: number } };
  messageId: string;
  data?: Record<string, string | number>;
}

/** The part of ESLint's RuleContext go-hazard rules use. */
export interface GoRuleContext {
  id: string;
  options: unknown[];
  filename: string;
  sourceCode: GoSourceCode;
  report(descriptor: ReportDescriptor): void;
}

export type GoRuleVisitor = Record<string, (node: GoNode) => void>;

export interface GoRule {
  /** The rule id (set by `createRule`). */
  name?: string;
  meta: GoRuleMeta;
  create(context: GoRuleContext): GoRuleVisitor;
}

/** Extra evidence a rule attaches to a report; joined back to ESLint's message after `verify`. */
export interface Evidence {
  related?: Omit<RelatedLocation, "id">[];
  flows?: ThreadFlow[];
  /** Rule-specific parts of the semantic fingerprint (object and access shape). */
  fingerprintParts?: string[];
  function?: string;
  object?: string;
}

export type { FlowStep };

export function toRuleInfo(id: string, rule: GoRule): RuleInfo {
  const d = rule.meta.docs;
  return {
    id,
    name: pascalCase(id),
    description: d.description,
    checklist: d.checklist,
    cwe: d.cwe,
    category: d.category,
    defaultSeverity: d.defaultSeverity,
    precision: d.precision,
    ...(d.securitySeverity ? { securitySeverity: d.securitySeverity } : {}),
    recommended: d.recommended,
    url: d.url ?? ruleDocsUrl(id),
  };
}

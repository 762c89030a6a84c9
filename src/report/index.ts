/**
 * The report layer's public surface: output formats and the data they share.
 */
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import type { ReportInput } from "./report-input.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";
import { formatCheckstyle, formatGitlab, formatJunit } from "./ci-formats.js";

export type OutputFormat = "text" | "json" | "sarif" | "github" | "checkstyle" | "junit" | "gitlab";

export const OUTPUT_FORMATS: readonly OutputFormat[] = ["text", "json", "sarif", "github", "checkstyle", "junit", "gitlab"];

export interface FormatOptions {
  /** text: ANSI colours (the CLI decides: a TTY and no NO_COLOR). Default false. */
  color?: boolean;
  /** text: print each goroutine's path under race findings. Default false. */
  flows?: boolean;
  /** github: the environment (GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE). Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export function isOutputFormat(s: string): s is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(s);
}

/** Render a run in one of the output formats. The result is written as-is to stdout or --output. */
export function formatReport(format: OutputFormat, input: ReportInput, options: FormatOptions = {}): string {
  switch (format) {
    case "text":
      return formatText(input, { color: options.color ?? false, flows: options.flows ?? false });
    case "json":
      return formatJson(input);
    case "sarif":
      return formatSarif(input);
    case "github":
      return formatGithub(input, options.env ?? process.env);
    case "checkstyle":
      return formatCheckstyle(input);
    case "junit":
      return formatJunit(input);
    case "gitlab":
      return formatGitlab(input);
  }
}

/** The formatters with default options, keyed by format name. */
export const formatters: Record<OutputFormat, (input: ReportInput) => string> = {
  text: (input) => formatText(input, { color: false }),
  json: formatJson,
  sarif: (input) => formatSarif(input),
  github: (input) => formatGithub(input),
  checkstyle: formatCheckstyle,
  junit: formatJunit,
  gitlab: formatGitlab,
};

export { formatText, summaryLine, type TextOptions } from "./text.js";
export { formatJson, buildJsonReport, JSON_FORMAT_VERSION, type JsonReport, type JsonFinding } from "./json.js";
export {
  formatSarif,
  buildSarif,
  SARIF_LIMITS,
  CHECKLIST_TAXONOMY,
  CWE_TAXONOMY,
  type SarifOptions,
} from "./sarif.js";
export { formatCheckstyle, formatJunit, formatGitlab, plainMessage, xmlEscape } from "./ci-formats.js";
export { formatGithub, escapeData, escapeProperty, stepSummaryMarkdown } from "./github.js";
export { computeLineHashes, lineHashAt } from "./line-hash.js";
export { CHECKLIST, CWE_NAMES, checklistItem, cweName, cweUrl, checklistCwes, type ChecklistItem } from "./checklist.js";
export { ruleHelpMarkdown, ruleHelpText, ruleHelp, setRuleDocsDir, type RuleHelp } from "./rule-help.js";
export type { Finding, Notification, RelatedLocation, ThreadFlow, FlowStep, Severity, SourceSpan } from "./finding.js";
export { sortAndDedupe, compareFindings } from "./finding.js";
export type { RuleInfo, ChecklistId } from "./rule-info.js";
export { PARSE_ERROR_RULE, ruleDocsUrl, pascalCase } from "./rule-info.js";
export type { ReportInput, Formatter } from "./report-input.js";

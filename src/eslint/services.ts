/**
 * What a rule can reach besides the syntax tree, through
 * `context.sourceCode.parserServices` (the way typescript-eslint exposes its
 * type checker): the package IR, the file's IR, the package's analyzer driver
 * (results computed on first use, once per package) and the evidence sink
 * that `reportWithEvidence` writes to. Rules made with the rule kit
 * (`createRule`) read analyzer results through it and never touch it directly.
 */
import type { PackageDriver } from "../analysis/framework.js";
import type { FileIR, PackageIR } from "../ir/types.js";
import type { Evidence } from "./rule.js";

/** One `reportWithEvidence` call, kept until the engine joins it onto ESLint's message. */
export interface EvidenceRecord {
  /** As ESLint names the rule: `go-hazard/map-race`. */
  ruleId: string;
  /** 1-based line and 1-based column of the report's start, as in ESLint's LintMessage. */
  line: number;
  column: number;
  messageId?: string;
  /** The raw message when the report used `message` instead of `messageId`. */
  message?: string;
  data?: Record<string, unknown>;
  evidence: Evidence;
}

export interface EvidenceSink {
  add(record: EvidenceRecord): void;
  readonly records: readonly EvidenceRecord[];
}

export function createEvidenceSink(): EvidenceSink {
  const records: EvidenceRecord[] = [];
  return { records, add: (r) => void records.push(r) };
}

export interface GoParserServices {
  readonly ir: PackageIR;
  readonly file: FileIR;
  /** The package's analyzers: each result computed on first use, once per package. */
  readonly driver: PackageDriver;
  readonly evidence: EvidenceSink;
}

export function createServices(driver: PackageDriver, file: FileIR, evidence: EvidenceSink = createEvidenceSink()): GoParserServices {
  return { ir: driver.ir, file, driver, evidence };
}

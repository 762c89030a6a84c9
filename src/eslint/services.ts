/**
 * What a rule can reach besides the syntax tree, through
 * `context.sourceCode.parserServices` (the way typescript-eslint exposes its
 * type checker): the package IR, the file's IR, the package's analysis facts
 * (computed on first use, once per package) and the evidence sink that
 * `reportWithEvidence` writes to.
 */
import { analyzePackage, DEFAULT_ANALYSIS_OPTIONS, type AnalysisOptions } from "../analysis/index.js";
import { emptyFacts, type PackageFacts } from "../analysis/facts.js";
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

/**
 * The analysis of one package, run lazily: only when a rule first asks for
 * facts (a run with only syntactic rules never pays for it). A failing
 * analysis does not take the rules down with it: its error is kept (the engine
 * reports it as an internal error) and rules see empty facts, so they stay
 * quiet instead of guessing.
 */
export class PackageAnalysis {
  readonly ir: PackageIR;
  private readonly options: AnalysisOptions;
  private computed: PackageFacts | undefined;
  /** Set when the analysis threw. */
  error: unknown = undefined;
  private readonly onError: ((err: unknown, analysis: PackageAnalysis) => void) | undefined;

  constructor(ir: PackageIR, options: { analysis?: AnalysisOptions; onError?: (err: unknown, a: PackageAnalysis) => void } = {}) {
    this.ir = ir;
    this.options = options.analysis ?? DEFAULT_ANALYSIS_OPTIONS;
    this.onError = options.onError;
  }

  get computedYet(): boolean {
    return this.computed !== undefined;
  }

  get facts(): PackageFacts {
    if (this.computed === undefined) {
      try {
        this.computed = analyzePackage(this.ir, this.options);
      } catch (err) {
        this.error = err;
        this.computed = emptyFacts();
        this.onError?.(err, this);
      }
    }
    return this.computed;
  }
}

export interface GoParserServices {
  readonly ir: PackageIR;
  readonly file: FileIR;
  /** The package's analysis facts; computed on first access, once per package. */
  readonly facts: PackageFacts;
  readonly evidence: EvidenceSink;
}

export function createServices(analysis: PackageAnalysis, file: FileIR, evidence: EvidenceSink = createEvidenceSink()): GoParserServices {
  return {
    ir: analysis.ir,
    file,
    get facts() {
      return analysis.facts;
    },
    evidence,
  };
}

/**
 * Entry point of the dataflow pass: package IR in, facts out.
 * (The real pass lands in this module; this placeholder returns no facts.)
 */
import type { PackageIR } from "../ir/types.js";
import { emptyFacts, type PackageFacts } from "./facts.js";

export interface AnalysisOptions {
  /** Upper bound on abstract steps for one package; past it the facts are partial. */
  budget: number;
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = { budget: 2_000_000 };

export function analyzePackage(_ir: PackageIR, _options: AnalysisOptions = DEFAULT_ANALYSIS_OPTIONS): PackageFacts {
  return emptyFacts();
}

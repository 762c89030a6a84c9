/**
 * Every analyzer, by name: what `go-hazard facts --analyzer NAME` can print
 * and what the engine checks for partial results. Requirements come before
 * what requires them.
 */
import { inDependencyOrder, type AnyAnalyzer } from "./framework.js";
import { bufferFlowAnalyzer } from "./buffer-flow/index.js";
import { capturedVarsAnalyzer } from "./captured-vars.js";
import { fieldLocksAnalyzer } from "./field-locks.js";
import { racesAnalyzer } from "./races.js";

export const analyzers: readonly AnyAnalyzer[] = inDependencyOrder([racesAnalyzer, fieldLocksAnalyzer, capturedVarsAnalyzer, bufferFlowAnalyzer]);

export function analyzerNamed(name: string): AnyAnalyzer | undefined {
  return analyzers.find((a) => a.name === name);
}

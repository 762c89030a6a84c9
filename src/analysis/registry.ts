/**
 * Every analyzer, by name: what `go-hazard facts --analyzer NAME` can print
 * and what the engine checks for partial results. Requirements come before
 * what requires them.
 */
import { inDependencyOrder, type AnyAnalyzer } from "./framework.js";
import { bufferFlowAnalyzer } from "./buffer-flow/index.js";
import { capturedVarsAnalyzer } from "./captured-vars.js";
import { cgoMemoryAnalyzer } from "./cgo-memory.js";
import { fieldLocksAnalyzer } from "./field-locks.js";
import { inputSizesAnalyzer } from "./input-sizes/index.js";
import { mapGrowthAnalyzer } from "./map-growth.js";
import { mapInitAnalyzer } from "./map-init.js";
import { mapPointersAnalyzer } from "./map-pointers.js";
import { racesAnalyzer } from "./races.js";
import { unsafeHeadersAnalyzer } from "./unsafe-headers.js";

// One analyzer per line, in the order `go-hazard facts` prints them (their requirements first).
export const analyzers: readonly AnyAnalyzer[] = inDependencyOrder([
  racesAnalyzer,
  fieldLocksAnalyzer,
  mapInitAnalyzer,
  mapPointersAnalyzer,
  mapGrowthAnalyzer,
  inputSizesAnalyzer,
  capturedVarsAnalyzer,
  bufferFlowAnalyzer,
  unsafeHeadersAnalyzer,
  cgoMemoryAnalyzer,
]);

export function analyzerNamed(name: string): AnyAnalyzer | undefined {
  return analyzers.find((a) => a.name === name);
}

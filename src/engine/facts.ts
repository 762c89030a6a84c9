/**
 * `go-hazard facts`: the analysis facts of every package as JSON, so anyone
 * can see why a finding exists (or doesn't).
 */
import type { GoPackage } from "../loader/types.js";
import { parseGo } from "../parse/parser.js";
import { buildPackageIR } from "../ir/index.js";
import { analyzePackage, type AnalysisOptions, DEFAULT_ANALYSIS_OPTIONS } from "../analysis/index.js";
import { factsToJson } from "../analysis/dump.js";
import type { Notification } from "../report/finding.js";
import { internalError } from "./analyze.js";

export function dumpFacts(
  packages: readonly GoPackage[],
  options: AnalysisOptions = DEFAULT_ANALYSIS_OPTIONS,
): { packages: unknown[]; notifications: Notification[] } {
  const out: unknown[] = [];
  const notifications: Notification[] = [];
  for (const pkg of packages) {
    try {
      const ir = buildPackageIR(
        pkg,
        pkg.files.map((f) => parseGo(f.text)),
      );
      out.push(factsToJson(ir, analyzePackage(ir, options)));
    } catch (err) {
      notifications.push(internalError(pkg, "analysis failed", err));
    }
  }
  return { packages: out, notifications };
}

/**
 * `go-hazard facts`: analyzer results of every package as JSON, so anyone can
 * see why a finding exists (or doesn't). The results are the very ones the
 * rules read (one driver, the same options as `lint`).
 */
import type { GoPackage } from "../loader/types.js";
import { parseGo } from "../parse/parser.js";
import { buildPackageIR } from "../ir/index.js";
import { PackageDriver, type AnalysisOptions, type AnyAnalyzer } from "../analysis/framework.js";
import type { Notification } from "../report/finding.js";
import { internalError } from "./analyze.js";
import { unparsedNotification, withoutUnparsed } from "../ir/unparsed.js";

export function dumpFacts(
  packages: readonly GoPackage[],
  selected: readonly AnyAnalyzer[],
  options?: AnalysisOptions,
): { packages: unknown[]; notifications: Notification[] } {
  const out: unknown[] = [];
  const notifications: Notification[] = [];
  for (const pkg of packages) {
    let driver: PackageDriver;
    try {
      const deep = withoutUnparsed(pkg, pkg.files.map((f) => parseGo(f.text)));
      for (const d of deep.dropped) notifications.push(unparsedNotification(d));
      driver = new PackageDriver(buildPackageIR(deep.pkg, deep.parsed), {
        ...(options ? { analysis: options } : {}),
        onError: (failure) => notifications.push(internalError(pkg, `analyzer ${failure.analyzer} failed`, failure.cause)),
      });
    } catch (err) {
      notifications.push(internalError(pkg, "building the IR failed", err));
      continue;
    }
    const results: Record<string, unknown> = {};
    for (const a of selected) {
      try {
        results[a.name] = driver.json(a);
      } catch {
        // Reported once through onError; the analyzer's entry is left out.
      }
    }
    out.push({ package: pkg.id, dir: pkg.relDir, analyzers: results });
  }
  return { packages: out, notifications };
}

/**
 * Baselines: record today's findings once (`--write-baseline FILE`), then
 * report only findings that are not in the record (`--baseline FILE`).
 *
 * Findings are matched by their semantic fingerprint (rule, file, enclosing
 * function, object, access shape; no line numbers), so a baselined finding
 * stays matched when code above it moves. Matching counts: a baseline entry
 * absorbs one finding, so a second identical hazard in the same function is
 * reported as new.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Finding } from "../report/finding.js";
import { UsageError } from "../usage-error.js";
import { PathError, writeFileMakingDirs } from "../make-dirs.js";

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  function?: string;
  object?: string;
  message: string;
}

export interface Baseline {
  version: number;
  tool: { name: "go-hazard"; version: string };
  entries: BaselineEntry[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildBaseline(findings: readonly Finding[], toolVersion: string): Baseline {
  const entries = findings
    .map(
      (f): BaselineEntry => ({
        fingerprint: f.fingerprint,
        ruleId: f.ruleId,
        file: f.file,
        ...(f.function !== undefined ? { function: f.function } : {}),
        ...(f.object !== undefined ? { object: f.object } : {}),
        message: f.message,
      }),
    )
    .sort((a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint) || cmp(a.message, b.message));
  return { version: BASELINE_VERSION, tool: { name: "go-hazard", version: toolVersion }, entries };
}

export function writeBaseline(file: string, findings: readonly Finding[], toolVersion: string): void {
  try {
    writeFileMakingDirs(path.resolve(file), JSON.stringify(buildBaseline(findings, toolVersion), null, 2) + "\n");
  } catch (err) {
    throw new UsageError(`--write-baseline ${file}: cannot write: ${err instanceof PathError ? err.message : String(err)}`);
  }
}

export function readBaseline(file: string, displayName = file): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--baseline ${displayName}: ${code === "ENOENT" ? "file not found (create it with --write-baseline)" : `cannot read (${code ?? String(err)})`}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--baseline ${displayName}: not valid JSON: ${(err as Error).message.split("\n")[0]}`);
  }
  const b = data as Partial<Baseline> | null;
  if (!b || typeof b !== "object" || !Array.isArray(b.entries)) {
    throw new UsageError(`--baseline ${displayName}: not a go-hazard baseline (no "entries" array)`);
  }
  if (b.version !== BASELINE_VERSION) {
    throw new UsageError(`--baseline ${displayName}: baseline format version ${String(b.version)} is not supported (expected ${BASELINE_VERSION}); write it again with --write-baseline`);
  }
  b.entries.forEach((e, i) => {
    if (!e || typeof e.fingerprint !== "string") throw new UsageError(`--baseline ${displayName}: entries[${i}] has no fingerprint`);
  });
  return b as Baseline;
}

/** Drops the findings the baseline holds; `matched` counts them. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): { findings: Finding[]; matched: number } {
  const budget = new Map<string, number>();
  for (const e of baseline.entries) budget.set(e.fingerprint, (budget.get(e.fingerprint) ?? 0) + 1);
  const kept: Finding[] = [];
  let matched = 0;
  for (const f of findings) {
    const n = budget.get(f.fingerprint) ?? 0;
    if (n > 0) {
      budget.set(f.fingerprint, n - 1);
      matched++;
    } else {
      kept.push(f);
    }
  }
  return { findings: kept, matched };
}

/**
 * Runs the go-hazard CLI on an extracted tree, as a user would, and reads its
 * JSON report (docs/output-formats.md). The CLI is a child process so that any
 * build of go-hazard (`--tool`) can be measured, not only this checkout's.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** This checkout's root (the script runs from dist/bench/corpus/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const DEFAULT_TOOL = path.join(REPO_ROOT, "bin", "go-hazard.js");

/** The rules that report a race on a map or slice: what the corpus and the dev set measure. */
export const RACE_RULES: readonly string[] = ["map-race", "map-range-race", "slice-race", "inconsistent-field-lock", "goroutine-captured-var"];

export interface Location {
  file: string;
  line: number;
  column: number;
}

export interface Related extends Location {
  id: number;
  message: string;
}

export interface Finding extends Location {
  ruleId: string;
  severity: string;
  message: string;
  function?: string;
  object?: string;
  fingerprint: string;
  related: Related[];
}

export interface Notification {
  level: string;
  kind: string;
  message: string;
  file?: string;
  line?: number;
}

export interface LintRun {
  findings: Finding[];
  notifications: Notification[];
  /** Wall-clock seconds of the CLI process. */
  seconds: number;
  exitCode: number;
}

/**
 * `go-hazard lint <patterns> --cwd <tree> --format json --no-cache -q`. Exit
 * 0 and 1 are normal; 2 with a report is a partial run (an internal error) and
 * is returned too, its notifications say why. No report at all throws.
 */
export function lint(tool: string, tree: string, patterns: string[], reportFile: string): LintRun {
  fs.mkdirSync(path.dirname(reportFile), { recursive: true });
  fs.rmSync(reportFile, { force: true });
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    [tool, "lint", ...patterns, "--cwd", tree, "--format", "json", "--no-cache", "-q", "--output", reportFile],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const seconds = (performance.now() - start) / 1000;
  if (r.error) throw r.error;
  if (!fs.existsSync(reportFile)) {
    throw new Error(`go-hazard lint ${patterns.join(" ")} in ${tree} exited ${r.status} with no report: ${r.stderr.trim()}`);
  }
  const report = JSON.parse(fs.readFileSync(reportFile, "utf8")) as { findings: Finding[]; notifications: Notification[] };
  return { findings: report.findings, notifications: report.notifications, seconds, exitCode: r.status ?? -1 };
}

export function raceFindings(run: LintRun): Finding[] {
  return run.findings.filter((f) => RACE_RULES.includes(f.ruleId));
}

/** Packages whose analysis ran out of budget: their silence proves nothing. */
export function budgetNotes(run: LintRun): Notification[] {
  return run.notifications.filter((n) => n.kind === "analysis-budget");
}

/** Notifications that mean part of the input was not analysed at all. */
export function errorNotes(run: LintRun): Notification[] {
  return run.notifications.filter((n) => n.level === "error");
}

/** The first sentence of a finding's message, without its `[text](n)` links. */
export function messageHead(message: string, max = 110): string {
  const plain = message.replace(/\[([^\]]*)\]\(\d+\)/g, "$1");
  const sentence = /^.*?[.!?](\s|$)/.exec(plain)?.[0]?.trim() ?? plain;
  return sentence.length > max ? `${sentence.slice(0, max - 3)}...` : sentence;
}

/** Which go-hazard was measured: its checkout's commit, and whether it had local changes. */
export function toolIdentity(tool: string): { tool: string; commit: string | null; dirty: boolean } {
  const checkout = path.dirname(path.dirname(path.resolve(tool)));
  const head = spawnSync("git", ["-C", checkout, "rev-parse", "HEAD"], { encoding: "utf8" });
  if (head.status !== 0) return { tool, commit: null, dirty: false };
  const status = spawnSync("git", ["-C", checkout, "status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" });
  return { tool, commit: head.stdout.trim(), dirty: status.stdout.trim() !== "" };
}

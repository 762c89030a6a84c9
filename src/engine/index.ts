/**
 * The engine: patterns in, sorted findings out. The main thread loads the
 * packages and schedules them; workers (or this thread, with jobs 1) parse,
 * build the IR, analyse and run the rules. The result is the same, in the same
 * order, whatever the number of workers.
 */
import * as os from "node:os";
import * as path from "node:path";
import { loadPackages, DEFAULT_MAX_FILE_BYTES } from "../loader/index.js";
import type { GoPackage, LoadProblem } from "../loader/types.js";
import { sortAndDedupe, compareStrings, type Finding, type Notification } from "../report/finding.js";
import type { RuleInfo } from "../report/rule-info.js";
import type { AnalysisOptions } from "../analysis/index.js";
import { enabledRuleInfos, resolveRuleSettings, type EngineConfig, type RuleSetting } from "./config.js";
import { analyzePackages } from "./pool.js";
import type { PackageResult } from "./analyze.js";

export { analyzeOnePackage, type PackageResult } from "./analyze.js";
export {
  UsageError,
  parseRuleOption,
  resolveRuleSettings,
  enabledRuleInfos,
  knownRuleIds,
  type EngineConfig,
  type RuleSetting,
} from "./config.js";

export interface LintOptions {
  /** Package patterns as the go tool takes them (default `./...`). */
  patterns?: string[];
  /** Run root: patterns are resolved against it and findings are relative to it (default process.cwd()). */
  cwd?: string;
  /**
   * Worker threads; 1 runs everything on this thread. Default: up to
   * os.availableParallelism(), but no more than the amount of source is worth
   * (a worker costs ~0.2 s to start; small runs stay on this thread).
   */
  jobs?: number;
  /** Include _test.go files (default true). */
  tests?: boolean;
  /** Include generated files (default false). */
  generated?: boolean;
  /** Include vendor/ (default false). */
  vendor?: boolean;
  maxFileBytes?: number;
  /** Rule overrides on top of the recommended set: id → severity or "off". */
  rules?: Record<string, RuleSetting>;
  analysis?: AnalysisOptions;
  /** Called after each package (e.g. progress on a TTY). */
  onProgress?: (done: number, total: number) => void;
}

export interface LintResult {
  /** Sorted and deduplicated. */
  findings: Finding[];
  /** Load warnings, parse errors, internal errors..., sorted. */
  notifications: Notification[];
  /** Enabled rules (with parse-error when on), sorted by id. */
  rules: RuleInfo[];
  packages: number;
  files: number;
  /** Everything the loader said; when it holds an error the packages were not analysed. */
  loadProblems: LoadProblem[];
  /** False when an internal error cost part of the analysis. */
  executionSuccessful: boolean;
  /** Absolute run root. */
  cwd: string;
}

export function compareNotifications(a: Notification, b: Notification): number {
  return (
    compareStrings(a.file ?? "", b.file ?? "") ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.message, b.message)
  );
}

export function defaultJobs(): number {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length || 1;
}

/** Source bytes that make one more worker worth its start-up cost. */
const BYTES_PER_WORKER = 256 * 1024;

/** Default worker count for a run: one per BYTES_PER_WORKER of source, at most one per CPU. */
export function autoJobs(packages: readonly GoPackage[]): number {
  let bytes = 0;
  for (const p of packages) for (const f of p.files) bytes += f.text.length;
  return Math.max(1, Math.min(defaultJobs(), Math.ceil(bytes / BYTES_PER_WORKER)));
}

/** A loader problem as a notification: the path moves from the message's front to `file`. */
export function loadProblemNotification(p: LoadProblem): Notification {
  let message = p.message;
  if (p.path && message.startsWith(`${p.path}: `)) message = message.slice(p.path.length + 2);
  return { level: p.level, kind: p.kind, message, ...(p.path ? { file: p.path } : {}) };
}

export function buildEngineConfig(options: Pick<LintOptions, "rules" | "analysis">): EngineConfig {
  return { rules: resolveRuleSettings(options.rules ?? {}), ...(options.analysis ? { analysis: options.analysis } : {}) };
}

/** Merges per-package results into one sorted run result. */
export function mergeResults(results: readonly PackageResult[]): { findings: Finding[]; notifications: Notification[]; files: number } {
  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  let files = 0;
  for (const r of results) {
    findings.push(...r.findings);
    notifications.push(...r.notifications);
    files += r.files;
  }
  return { findings: sortAndDedupe(findings), notifications: notifications.sort(compareNotifications), files };
}

export async function runLint(options: LintOptions = {}): Promise<LintResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = buildEngineConfig(options);
  const rules = enabledRuleInfos(config);
  const load = await loadPackages(options.patterns && options.patterns.length > 0 ? options.patterns : ["./..."], {
    cwd,
    tests: options.tests ?? true,
    generated: options.generated ?? false,
    vendor: options.vendor ?? false,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
  });
  const loadNotifications = load.problems.filter((p) => p.level === "warning").map(loadProblemNotification);
  if (load.problems.some((p) => p.level === "error")) {
    return {
      findings: [],
      notifications: loadNotifications,
      rules,
      packages: load.packages.length,
      files: 0,
      loadProblems: load.problems,
      executionSuccessful: true,
      cwd,
    };
  }

  const results = await analyzePackages(load.packages, config, {
    jobs: options.jobs && options.jobs > 0 ? options.jobs : autoJobs(load.packages),
    ...(options.onProgress ? { onResult: (_r, done, total) => options.onProgress!(done, total) } : {}),
  });
  const merged = mergeResults(results);
  const notifications = [...loadNotifications, ...merged.notifications].sort(compareNotifications);
  return {
    findings: merged.findings,
    notifications,
    rules,
    packages: load.packages.length,
    files: merged.files,
    loadProblems: load.problems,
    executionSuccessful: !notifications.some((n) => n.kind === "internal-error"),
    cwd,
  };
}

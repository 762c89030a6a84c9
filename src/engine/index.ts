/**
 * The engine: patterns in, sorted findings out. The main thread loads the
 * packages and schedules them; workers (or this thread, with jobs 1) parse,
 * build the IR, analyse and run the rules. The result is the same, in the same
 * order, whatever the number of workers.
 */
import type { BuildContext } from "../loader/build-select.js";
import * as os from "node:os";
import * as path from "node:path";
import { loadPackages, DEFAULT_MAX_FILE_BYTES } from "../loader/index.js";
import type { GoPackage, LoadProblem } from "../loader/types.js";
import { sortAndDedupe, compareStrings, type Finding, type Notification } from "../report/finding.js";
import type { RuleInfo } from "../report/rule-info.js";
import type { AnalysisOptions } from "../analysis/framework.js";
import { enabledRuleInfos, resolveRuleSettings, validateRuleOptions, type EngineConfig, type RuleSetting } from "./config.js";
import type { RuleSet } from "./rule-set.js";
import { analyzePackages } from "./pool.js";
import type { PackageResult } from "./analyze.js";
import { unusedSuppressions } from "./suppressions.js";
import { unknownSuppressionNames } from "./unknown-suppressions.js";
import { mergeOverlaps } from "./overlaps.js";
import { UNUSED_SUPPRESSION_RULE as UNUSED_RULE } from "./config.js";
import { ResultCache } from "../cache/index.js";
import { scanHeader } from "../loader/file-header.js";

export { analyzeOnePackage, type PackageResult } from "./analyze.js";
export { UsageError } from "../usage-error.js";
export { loadRuleSet, type RuleSet } from "./rule-set.js";
export {
  parseRuleOption,
  resolveRuleSettings,
  enabledRuleInfos,
  knownRuleIds,
  allRuleInfos,
  normalizeRuleId,
  UNUSED_SUPPRESSION_RULE,
  PSEUDO_RULES,
  type EngineConfig,
  type RuleSetting,
} from "./config.js";

export interface LintOptions {
  /** The rules to run (`loadRuleSet(url)`; the CLI passes the standard set). */
  ruleSet: RuleSet;
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
  /** Rule options (ESLint's `[severity, ...options]` tail), by rule id. */
  ruleOptions?: Record<string, unknown[]>;
  analysis?: AnalysisOptions;
  /** Go version assumed for every package instead of its go.mod's (a file's //go:build go1.N still wins). */
  goVersion?: string;
  /** Merge a field-lock finding into a race finding on the same line and field (default true; see overlaps.ts). */
  mergeOverlaps?: boolean;
  /** Fixed GOOS / GOARCH / tags for choosing files; undefined parts are free (every platform). */
  build?: BuildContext;
  /**
   * Which files may be reported (absolute path → yes/no), e.g. the config's
   * include/exclude. A package with no reportable file is not analysed.
   */
  fileFilter?: (absPath: string) => boolean;
  /** Result cache directory; undefined or null: no cache. */
  cacheDir?: string | null;
  /** Called after each package (e.g. progress on a TTY). */
  onProgress?: (done: number, total: number) => void;
}

/** What a run cost: for --debug output and tests (a cached run parses nothing). */
export interface LintStats {
  /** Packages loaded (after filtering). */
  packages: number;
  /** Packages whose result came from the cache. */
  cached: number;
  /** Packages analysed in this run. */
  analysed: number;
  /** Files parsed in this run (every file of every analysed package). */
  parsedFiles: number;
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
  stats: LintStats;
  /** The packages of the run (after filtering), with their files' text. */
  loaded: GoPackage[];
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

export function buildEngineConfig(options: Pick<LintOptions, "ruleSet" | "rules" | "ruleOptions" | "analysis">): EngineConfig {
  const rules = resolveRuleSettings(options.rules ?? {}, options.ruleSet);
  const opts: Record<string, unknown[]> = {};
  for (const [id, o] of Object.entries(options.ruleOptions ?? {})) if (rules[id] !== undefined && o.length > 0) opts[id] = o;
  return {
    rulesUrl: options.ruleSet.url,
    rules,
    ...(Object.keys(opts).length > 0 ? { options: opts } : {}),
    ...(options.analysis ? { analysis: options.analysis } : {}),
  };
}

/** Replaces every package's module Go version (packages outside a module get a stand-in module). */
export function applyGoVersion(packages: GoPackage[], goVersion: string | undefined): GoPackage[] {
  if (!goVersion) return packages;
  const v = goVersion.replace(/^go/, "");
  return packages.map((p) => ({ ...p, module: { ...(p.module ?? { dir: p.dir, path: "" }), goVersion: v } }));
}

/**
 * Narrows each package's reported files to those `keep` accepts; packages
 * left with none are dropped (not analysed at all).
 */
export function applyFileFilter(packages: GoPackage[], keep: ((absPath: string) => boolean) | undefined): GoPackage[] {
  if (!keep) return packages;
  const out: GoPackage[] = [];
  for (const p of packages) {
    const candidates = p.reportOnly === null ? p.files : p.files.filter((f) => p.reportOnly!.includes(f.relPath));
    const kept = candidates.filter((f) => keep(f.path)).map((f) => f.relPath);
    if (kept.length === 0) continue;
    out.push({ ...p, reportOnly: p.reportOnly === null && kept.length === p.files.length ? null : kept });
  }
  return out;
}

/**
 * Named files (a pre-commit hook names every staged file) follow the run's
 * `tests` and `generated` settings too: a named `_test.go` file with tests
 * off, or a named generated file without `generated`, is not reported (a note
 * says so). The loader analyses whatever is named; this decides what is reported.
 */
export function applyNamedFileSettings(
  packages: GoPackage[],
  settings: { tests: boolean; generated: boolean },
): { packages: GoPackage[]; notes: Notification[] } {
  const notes: Notification[] = [];
  const out: GoPackage[] = [];
  for (const p of packages) {
    if (p.reportOnly === null) {
      out.push(p);
      continue;
    }
    const kept = p.reportOnly.filter((rel) => {
      const f = p.files.find((x) => x.relPath === rel);
      if (!f) return true;
      if (!settings.tests && f.isTest) {
        notes.push({ level: "note", kind: "skipped", file: rel, message: "test file not reported: tests are off (--tests to include)" });
        return false;
      }
      if (!settings.generated && scanHeader(f.text).generated) {
        notes.push({ level: "note", kind: "skipped", file: rel, message: "generated file not reported (--generated to include)" });
        return false;
      }
      return true;
    });
    if (kept.length > 0) out.push(kept.length === p.reportOnly.length ? p : { ...p, reportOnly: kept });
  }
  return { packages: out, notes };
}

/** A whole-package result narrowed to the package's reported files (what analyzeOnePackage gives with reportOnly). */
export function restrictToReported(result: PackageResult, reportOnly: readonly string[] | null): PackageResult {
  if (reportOnly === null) return result;
  const files = new Set(reportOnly);
  return {
    ...result,
    findings: result.findings.filter((f) => files.has(f.file)),
    notifications: result.notifications.filter((n) => n.file === undefined || files.has(n.file) || n.kind === "internal-error"),
  };
}

/** Merges per-package results into one sorted run result. */
export function mergeResults(results: readonly PackageResult[]): { findings: Finding[]; notifications: Notification[]; files: number } {
  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  let files = 0;
  for (const r of results) {
    for (const x of r.findings) findings.push(x);
    for (const x of r.notifications) notifications.push(x);
    files += r.files;
  }
  return { findings: sortAndDedupe(findings), notifications: notifications.sort(compareNotifications), files };
}

export async function runLint(options: LintOptions): Promise<LintResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = buildEngineConfig(options);
  validateRuleOptions(config);
  const rules = enabledRuleInfos(config);
  const load = await loadPackages(options.patterns && options.patterns.length > 0 ? options.patterns : ["./..."], {
    cwd,
    tests: options.tests ?? true,
    generated: options.generated ?? false,
    vendor: options.vendor ?? false,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    ...(options.goVersion !== undefined ? { goVersion: options.goVersion.replace(/^go/, "") } : {}),
    ...(options.build !== undefined ? { build: options.build } : {}),
  });
  const loadNotifications = load.problems.filter((p) => p.level === "warning").map(loadProblemNotification);
  const stats: LintStats = { packages: 0, cached: 0, analysed: 0, parsedFiles: 0 };
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
      stats,
      loaded: [],
    };
  }
  const named = applyNamedFileSettings(load.packages, { tests: options.tests ?? true, generated: options.generated ?? false });
  const packages = applyFileFilter(applyGoVersion(named.packages, options.goVersion), options.fileFilter);
  stats.packages = packages.length;

  // ---- cache lookup: hits skip parsing altogether ------------------------------------
  const cache = options.cacheDir ? new ResultCache(options.cacheDir, config) : null;
  const results = new Map<GoPackage, PackageResult>();
  const keys = new Map<GoPackage, string>();
  const todo: GoPackage[] = [];
  /** What is sent to analysis: with a cache, the whole package (entries hold every file's result). */
  const sent = new Map<GoPackage, GoPackage>();
  for (const pkg of packages) {
    if (cache) {
      const key = cache.key(pkg);
      keys.set(pkg, key);
      const hit = cache.get(key);
      if (hit) {
        results.set(pkg, restrictToReported(hit, pkg.reportOnly));
        stats.cached++;
        continue;
      }
      const whole = pkg.reportOnly === null ? pkg : { ...pkg, reportOnly: null };
      sent.set(whole, pkg);
      todo.push(whole);
    } else {
      sent.set(pkg, pkg);
      todo.push(pkg);
    }
  }
  stats.analysed = todo.length;
  for (const p of todo) stats.parsedFiles += p.files.length;

  const fresh = await analyzePackages(todo, config, {
    jobs: options.jobs && options.jobs > 0 ? options.jobs : autoJobs(todo),
    ...(options.onProgress ? { onResult: (_r, done) => options.onProgress!(stats.cached + done, packages.length) } : {}),
  });
  todo.forEach((whole, i) => {
    const pkg = sent.get(whole)!;
    const r = fresh[i]!;
    if (cache) cache.set(keys.get(pkg)!, r);
    results.set(pkg, cache ? restrictToReported(r, pkg.reportOnly) : r);
  });
  if (cache) cache.evict();

  const merged = mergeResults(packages.map((p) => results.get(p)!));
  const texts = new Map<string, string>();
  for (const p of packages) for (const f of p.files) texts.set(f.relPath, f.text);
  const unused = unusedSuppressions({ notifications: merged.notifications, text: (f) => texts.get(f), rules: config.rules, ruleIds: options.ruleSet.ids });
  const unusedSeverity = config.rules[UNUSED_RULE.id];
  if (unusedSeverity !== undefined) {
    const reported = packages.flatMap((p) => (p.reportOnly === null ? p.files : p.files.filter((f) => p.reportOnly!.includes(f.relPath))));
    for (const x of unknownSuppressionNames(reported, unusedSeverity, options.ruleSet.ids)) unused.findings.push(x);
  }
  const all = unused.findings.length > 0 ? sortAndDedupe([...merged.findings, ...unused.findings]) : merged.findings;
  const findings = options.mergeOverlaps === false ? all : mergeOverlaps(all);
  const notifications = [...loadNotifications, ...named.notes, ...unused.notifications].sort(compareNotifications);
  return {
    findings,
    notifications,
    rules,
    packages: packages.length,
    files: merged.files,
    loadProblems: load.problems,
    executionSuccessful: !notifications.some((n) => n.kind === "internal-error"),
    cwd,
    stats,
    loaded: packages,
  };
}

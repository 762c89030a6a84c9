/**
 * The command line: `go-hazard lint`, `go-hazard rules`, `go-hazard facts`.
 *
 * Exit codes: 0 no findings; 1 findings (of any severity); 2 usage error,
 * load error (a pattern that matches nothing, a missing path) or internal
 * error. Findings are always printed, even when the exit code is 2 because
 * part of the analysis failed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, Option } from "commander";
import {
  runLint,
  parseRuleOption,
  UsageError,
  type RuleSetting,
  compareNotifications,
  loadProblemNotification,
  resolveRuleSettings,
  allRuleInfos,
  applyGoVersion,
  UNUSED_SUPPRESSION_RULE,
} from "../engine/index.js";
import { dumpFacts } from "../engine/facts.js";
import type { AnyAnalyzer } from "../analysis/framework.js";
import { analyzerNamed, analyzers } from "../analysis/registry.js";
import { loadPackages, DEFAULT_MAX_FILE_BYTES } from "../loader/index.js";
import { isKnownArch, isKnownOS, type BuildContext } from "../loader/build-select.js";
import { formatReport, OUTPUT_FORMATS } from "../report/index.js";
import { failsAt, FAIL_LEVELS, outputSpecs, type FailLevel } from "./outputs.js";
import type { Finding, Notification } from "../report/finding.js";
import type { ReportInput } from "../report/report-input.js";
import { jsonChunks } from "../report/json-chunks.js";
import type { RuleInfo } from "../report/rule-info.js";
import { readToolVersion } from "../eslint/plugin-factory.js";
import { ruleHelpMarkdown } from "../report/rule-help.js";
import { loadRuleSet, type RuleSet } from "../engine/rule-set.js";
import { STANDARD_RULES_URL } from "./standard-rules.js";
import { configFileFilter, configRules, resolveConfig, type LoadedConfig } from "../config/index.js";
import { defaultCacheDir } from "../cache/index.js";
import { applyBaseline, readBaseline, writeBaseline, type Baseline } from "../baseline/index.js";
import { makeDirs, PathError, prepareFile, writeFileMakingDirs } from "../make-dirs.js";
import { changedSince, gitTopLevel } from "../vcs/git.js";
import { ChangeFilter } from "../vcs/new-from-rev.js";

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Where relative --cwd and --output paths start. */
  cwd: string;
}

function defaultIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Thrown to end a command with an exit code after its message was printed. */
class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

function notificationLine(n: Notification): string {
  const where = n.file ? `${n.file}${n.line ? `:${n.line}${n.column ? `:${n.column}` : ""}` : ""}: ` : "";
  return `go-hazard: ${n.level}: ${where}${oneLine(n.message)}\n`;
}

function parseJobs(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`bad --jobs "${value}": expected a positive integer`);
  return Number(value);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}


/** A rule as `go-hazard rules` shows it: its metadata and its setting in this configuration. */
type RuleRow = RuleInfo & { enabled: boolean; severity: RuleSetting };

function rulesTable(infos: RuleRow[]): string {
  const rows = [["RULE", "CHECKLIST", "SEVERITY", "RECOMMENDED", "ACTIVE", "DESCRIPTION"]];
  for (const r of infos) {
    rows.push([r.id, r.checklist.join(","), r.defaultSeverity, r.recommended ? "on" : "off", r.severity, r.description]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return (
    rows
      .map((row) =>
        row
          .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}

/** Options every command that loads packages shares. */
interface LoadCliOptions {
  tests?: boolean;
  generated?: boolean;
  vendor?: boolean;
  output?: string;
  quiet?: boolean;
  cwd?: string;
  /** `--config FILE`: a string; `--no-config`: false. */
  config?: string | false;
  goVersion?: string;
  goos?: string;
  goarch?: string;
  tags?: string[];
}

interface LintCliOptions extends LoadCliOptions {
  /** `--format NAME[:FILE]`, repeatable. */
  format: string[];
  failLevel?: FailLevel;
  jobs?: number;
  rule: string[];
  sarifCategory?: string;
  sarifRoot?: string;
  color?: boolean;
  reportUnusedSuppressions?: boolean;
  baseline?: string;
  writeBaseline?: string;
  newFromRev?: string;
  cache?: boolean;
  cacheDir?: string;
}

/** Is this a CI run (the `CI` variable most CI systems set)? */
function isCI(env: NodeJS.ProcessEnv): boolean {
  const v = env.CI;
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}

function parseGoos(value: string): string {
  if (!isKnownOS(value)) throw new UsageError(`bad --goos "${value}": not a GOOS the go tool knows (linux, darwin, windows, ...)`);
  return value;
}

function parseGoarch(value: string): string {
  if (!isKnownArch(value)) throw new UsageError(`bad --goarch "${value}": not a GOARCH the go tool knows (amd64, arm64, 386, ...)`);
  return value;
}

/** `--tags a,b` as `go build -tags` takes it; repeating the option adds to the list. */
function collectTags(value: string, previous: string[] | undefined): string[] {
  const tags = value.split(",").map((t) => t.trim()).filter((t) => t !== "");
  for (const t of tags) if (!/^[A-Za-z0-9_.]+$/.test(t)) throw new UsageError(`bad --tags "${value}": "${t}" is not a build tag`);
  return [...(previous ?? []), ...tags];
}

function parseGoVersionOption(value: string): string {
  if (!/^(go)?1\.\d+(\.\d+)?$/.test(value.trim())) throw new UsageError(`bad --go-version "${value}": expected a Go version such as 1.21 or 1.22`);
  return value.trim().replace(/^go/, "");
}

/** Config file + command line: what a run loads and how rules are set. CLI options win. */
interface RunSettings {
  config: LoadedConfig | null;
  tests: boolean;
  generated: boolean;
  vendor: boolean;
  goVersion?: string;
  jobs?: number;
  build: BuildContext;
  rules: Record<string, RuleSetting>;
  ruleOptions: Record<string, unknown[]>;
  fileFilter?: (absPath: string) => boolean;
}

function runSettings(io: CliIO, ruleSet: RuleSet, root: string, opts: LoadCliOptions & { rule?: string[]; jobs?: number; reportUnusedSuppressions?: boolean }): RunSettings {
  const loaded = resolveConfig({ explicit: opts.config, cwd: io.cwd, runRoot: root, ruleSet });
  const c = loaded?.config ?? {};
  const { settings, options } = configRules(c);
  const rules: Record<string, RuleSetting> = { ...settings };
  for (const spec of opts.rule ?? []) {
    const [id, setting] = parseRuleOption(spec, ruleSet);
    rules[id] = setting;
  }
  if (opts.reportUnusedSuppressions && rules[UNUSED_SUPPRESSION_RULE.id] === undefined) {
    rules[UNUSED_SUPPRESSION_RULE.id] = UNUSED_SUPPRESSION_RULE.defaultSeverity;
  }
  const goVersion = opts.goVersion ?? c.goVersion?.replace(/^go/, "");
  const jobs = opts.jobs ?? c.jobs;
  const fileFilter = configFileFilter(loaded);
  const goos = opts.goos ?? c.goos;
  const goarch = opts.goarch ?? c.goarch;
  const tags = opts.tags ?? c.tags;
  const build: BuildContext = {
    ...(goos !== undefined ? { goos } : {}),
    ...(goarch !== undefined ? { goarch } : {}),
    ...(tags !== undefined ? { tags } : {}),
  };
  return {
    config: loaded,
    tests: opts.tests ?? c.tests ?? true,
    generated: opts.generated ?? c.generated ?? false,
    vendor: opts.vendor ?? c.vendor ?? false,
    ...(goVersion !== undefined ? { goVersion } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    build,
    rules,
    ruleOptions: options,
    ...(fileFilter ? { fileFilter } : {}),
  };
}

function writeOutput(io: CliIO, file: string | undefined, text: string): void {
  if (file === undefined) {
    io.stdout.write(text);
    return;
  }
  const abs = path.resolve(io.cwd, file);
  try {
    writeFileMakingDirs(abs, text);
  } catch (err) {
    io.stderr.write(`go-hazard: cannot write ${file}: ${err instanceof PathError ? err.message : String(err)}\n`);
    throw new Exit(EXIT_ERROR);
  }
}

/** writeOutput for text made of pieces, written in blocks of about a megabyte. */
function writeOutputChunks(io: CliIO, file: string | undefined, parts: Iterable<string>[]): void {
  const abs = file === undefined ? undefined : path.resolve(io.cwd, file);
  let fd: number | undefined;
  try {
    if (abs !== undefined) {
      makeDirs(path.dirname(abs));
      fd = fs.openSync(abs, "w");
    }
    let block: string[] = [];
    let size = 0;
    const flush = () => {
      if (!block.length) return;
      const text = block.join("");
      if (fd === undefined) io.stdout.write(text);
      else fs.writeSync(fd, text);
      block = [];
      size = 0;
    };
    for (const part of parts) {
      for (const piece of part) {
        block.push(piece);
        size += piece.length;
        if (size > 1 << 20) flush();
      }
    }
    flush();
  } catch (err) {
    io.stderr.write(`go-hazard: cannot write ${file}: ${err instanceof PathError ? err.message : String(err)}\n`);
    throw new Exit(EXIT_ERROR);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** `go-hazard: 12/340 packages` on a terminal's stderr, redrawn at most every 100 ms. */
function progressLine(io: CliIO): { update: (done: number, total: number) => void; clear: () => void } {
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 || done === total) return;
      last = now;
      shown = true;
      io.stderr.write(`\rgo-hazard: ${done}/${total} packages`);
    },
    clear() {
      if (shown) io.stderr.write("\r\u001b[K");
    },
  };
}

function resolveRunRoot(io: CliIO, dir: string | undefined): string {
  const root = path.resolve(io.cwd, dir ?? ".");
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(root, { throwIfNoEntry: false });
  } catch {
    st = undefined;
  }
  if (!st || !st.isDirectory()) {
    io.stderr.write(`go-hazard: --cwd ${dir}: not a directory\n`);
    throw new Exit(EXIT_ERROR);
  }
  return root;
}

async function lintCommand(io: CliIO, ruleSet: RuleSet, patterns: string[], opts: LintCliOptions, argv: readonly string[]): Promise<number> {
  const root = resolveRunRoot(io, opts.cwd);
  const settings = runSettings(io, ruleSet, root, opts);
  // Everything that can fail on the user's input fails before the work starts.
  const baseline: Baseline | undefined =
    opts.baseline !== undefined ? readBaseline(path.resolve(io.cwd, opts.baseline), opts.baseline) : undefined;
  const changes = opts.newFromRev !== undefined ? changedSince(opts.newFromRev, root) : undefined;
  const outputs = outputSpecs(opts.format, opts.output);
  // Output paths are checked now, not after the run: a run must not end in a write that was never possible.
  for (const [option, file] of [...outputs.map((o) => [opts.output === o.file ? "--output" : `--format ${o.format}:`, o.file] as const), ["--write-baseline ", opts.writeBaseline] as const]) {
    if (file === undefined) continue;
    try {
      prepareFile(path.resolve(io.cwd, file));
    } catch (err) {
      throw new UsageError(`${option}${option === "--output" ? " " : ""}${file}: cannot write: ${err instanceof PathError ? err.message : String(err)}`);
    }
  }
  const failLevel = opts.failLevel ?? settings.config?.config.failLevel ?? "note";
  // SARIF and GitLab Code Quality name files from the repository root.
  const sarifAt = outputs.some((o) => o.format === "sarif" || o.format === "gitlab") || opts.sarifRoot !== undefined ? sarifRoot(io, root, opts.sarifRoot) : undefined;
  // The cache only saves time, so a cache directory that can't be made is no error; one the
  // user named is said to be unusable, and why (the default one goes quietly unused).
  let cacheDir = opts.cache === false ? null : opts.cacheDir !== undefined ? path.resolve(io.cwd, opts.cacheDir) : defaultCacheDir(io.env);
  if (cacheDir !== null && opts.cacheDir !== undefined) {
    try {
      makeDirs(cacheDir);
    } catch (err) {
      io.stderr.write(`go-hazard: warning: --cache-dir ${opts.cacheDir}: cannot create: ${err instanceof PathError ? err.message : String(err)}; running without a cache\n`);
      cacheDir = null;
    }
  }

  const startTime = new Date().toISOString();
  const progress = !opts.quiet && io.stderr.isTTY === true && !isCI(io.env) ? progressLine(io) : null;
  const result = await runLint({
    ruleSet,
    patterns: patterns.length > 0 ? patterns : ["./..."],
    cwd: root,
    ...(settings.jobs !== undefined ? { jobs: settings.jobs } : {}),
    tests: settings.tests,
    generated: settings.generated,
    vendor: settings.vendor,
    rules: settings.rules,
    ruleOptions: settings.ruleOptions,
    ...(settings.goVersion !== undefined ? { goVersion: settings.goVersion } : {}),
    build: settings.build,
    ...(settings.fileFilter ? { fileFilter: settings.fileFilter } : {}),
    cacheDir,
    ...(progress ? { onProgress: progress.update } : {}),
  });
  progress?.clear();
  const endTime = new Date().toISOString();
  if (io.env.GO_HAZARD_DEBUG_STATS && io.env.GO_HAZARD_DEBUG_STATS !== "0") {
    const st = result.stats;
    io.stderr.write(`go-hazard: stats: ${st.packages} packages, ${st.cached} from cache, ${st.analysed} analysed, parsed ${st.parsedFiles} files\n`);
  }

  const loadErrors = result.loadProblems.filter((p) => p.level === "error");
  const notifications = [...result.notifications];
  let findings: Finding[] = result.findings;

  if (loadErrors.length === 0 && changes) {
    const texts = new Map<string, string>();
    for (const p of result.loaded) for (const f of p.files) texts.set(f.relPath, f.text);
    const filtered = new ChangeFilter(changes, root, (f) => texts.get(f)).apply(findings);
    findings = filtered.findings;
    notifications.push({
      level: "note",
      kind: "new-from-rev",
      message: `${plural(filtered.dropped, "finding")} in code not changed since ${opts.newFromRev} ${filtered.dropped === 1 ? "is" : "are"} not reported`,
    });
  }
  if (loadErrors.length === 0 && opts.writeBaseline !== undefined) {
    if (!opts.quiet) for (const n of result.notifications) io.stderr.write(notificationLine(n));
    writeBaseline(path.resolve(io.cwd, opts.writeBaseline), findings, readToolVersion());
    io.stderr.write(`go-hazard: wrote ${plural(findings.length, "finding")} to the baseline ${opts.writeBaseline}\n`);
    return result.executionSuccessful ? EXIT_CLEAN : EXIT_ERROR;
  }
  if (loadErrors.length === 0 && baseline) {
    const applied = applyBaseline(findings, baseline);
    findings = applied.findings;
    notifications.push({
      level: "note",
      kind: "baseline",
      message: `${plural(applied.matched, "finding")} matched the baseline ${opts.baseline} and ${applied.matched === 1 ? "is" : "are"} not reported`,
    });
  }

  if (!opts.quiet) for (const n of notifications) io.stderr.write(notificationLine(n));
  if (loadErrors.length > 0) {
    for (const p of loadErrors) io.stderr.write(`go-hazard: ${oneLine(p.message)}\n`);
    return EXIT_ERROR;
  }

  const color = opts.color ?? (io.stdout.isTTY === true && (io.env.NO_COLOR === undefined || io.env.NO_COLOR === ""));
  const input: ReportInput = {
    findings,
    notifications,
    rules: result.rules,
    cwd: result.cwd,
    toolVersion: readToolVersion(),
    ...(opts.sarifCategory !== undefined ? { category: opts.sarifCategory } : {}),
    ...(sarifAt !== undefined ? { sarifRoot: sarifAt } : {}),
    executionSuccessful: result.executionSuccessful,
    commandLine: ["go-hazard", ...argv].join(" "),
    startTime,
    endTime,
  };
  for (const out of outputs) {
    const toStdout = out.file === undefined;
    // Text on stdout leaves out the notifications: they already went to
    // stderr. Text in a file keeps them, and files are never coloured.
    const forThis = out.format === "text" && toStdout ? { ...input, notifications: [] } : input;
    writeOutput(io, out.file, formatReport(out.format, forThis, { color: toStdout && color, env: io.env }));
  }

  if (!result.executionSuccessful) return EXIT_ERROR;
  return findings.some((f) => failsAt(f.severity, failLevel)) ? EXIT_FINDINGS : EXIT_CLEAN;
}

/**
 * SARIF URIs are resolved by code scanning against the repository, so they
 * are made relative to `--sarif-root`, else to the git top level, else to the
 * run root. Real paths on both sides, so that a run root reached through a
 * symlink still lies inside its repository.
 */
function sarifRoot(io: CliIO, runRoot: string, explicit: string | undefined): ReportInput["sarifRoot"] {
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  let dir: string;
  if (explicit !== undefined) {
    const abs = path.resolve(io.cwd, explicit);
    if (!fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--sarif-root ${explicit}: not a directory`);
    dir = real(abs);
  } else {
    const top = gitTopLevel(runRoot);
    if (top === null) return undefined;
    dir = top;
  }
  const rel = path.relative(dir, real(runRoot));
  if (rel === ".." || rel.startsWith(".." + path.sep) || path.isAbsolute(rel)) {
    if (explicit !== undefined) throw new UsageError(`--sarif-root ${explicit}: the run root ${runRoot} is not inside it`);
    return undefined;
  }
  return { dir, runRootPrefix: rel.split(path.sep).join("/") };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

interface FactsCliOptions extends LoadCliOptions {
  analyzer: string[];
}

async function factsCommand(io: CliIO, ruleSet: RuleSet, patterns: string[], opts: FactsCliOptions): Promise<number> {
  const root = resolveRunRoot(io, opts.cwd);
  const settings = runSettings(io, ruleSet, root, opts);
  const load = await loadPackages(patterns.length > 0 ? patterns : ["./..."], {
    cwd: root,
    tests: settings.tests,
    generated: settings.generated,
    vendor: settings.vendor,
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    ...(settings.goVersion !== undefined ? { goVersion: settings.goVersion } : {}),
    build: settings.build,
  });
  const loadErrors = load.problems.filter((p) => p.level === "error");
  const notes = load.problems.filter((p) => p.level === "warning").map(loadProblemNotification);
  if (loadErrors.length > 0) {
    if (!opts.quiet) for (const n of notes) io.stderr.write(notificationLine(n));
    for (const p of loadErrors) io.stderr.write(`go-hazard: ${oneLine(p.message)}\n`);
    return EXIT_ERROR;
  }
  const dump = dumpFacts(applyGoVersion(load.packages, settings.goVersion), selectAnalyzers(opts.analyzer));
  const notifications = [...notes, ...dump.notifications].sort(compareNotifications);
  if (!opts.quiet) for (const n of notifications) io.stderr.write(notificationLine(n));
  const json = { tool: { name: "go-hazard", version: readToolVersion() }, packages: dump.packages };
  // Piece by piece: a large package's facts are longer than the longest string there is.
  writeOutputChunks(io, opts.output, [jsonChunks(json), ["\n"]]);
  return dump.notifications.some((n) => n.kind === "internal-error") ? EXIT_ERROR : EXIT_CLEAN;
}

function dumpableAnalyzers(): AnyAnalyzer[] {
  return analyzers.filter((a) => a.toJSON !== undefined);
}

/** The analyzers `--analyzer` names, or every one with a JSON form. */
function selectAnalyzers(names: readonly string[]): AnyAnalyzer[] {
  if (names.length === 0) return dumpableAnalyzers();
  return names.map((n) => {
    const a = analyzerNamed(n);
    if (!a || !a.toJSON) throw new UsageError(`--analyzer ${n}: no such analyzer (choose from ${dumpableAnalyzers().map((x) => x.name).join(", ")})`);
    return a;
  });
}

interface RulesCliOptions {
  format: "text" | "json";
  cwd?: string;
  config?: string | false;
  rule: string[];
  reportUnusedSuppressions?: boolean;
}

function rulesCommand(io: CliIO, ruleSet: RuleSet, ids: string[], opts: RulesCliOptions): number {
  const root = resolveRunRoot(io, opts.cwd);
  const settings = runSettings(io, ruleSet, root, opts);
  const active = resolveRuleSettings(settings.rules, ruleSet);
  const rows: RuleRow[] = allRuleInfos(ruleSet).map((r) => ({ ...r, enabled: active[r.id] !== undefined, severity: active[r.id] ?? "off" }));
  if (ids.length > 0) return ruleDocs(io, rows, ids, opts.format);
  io.stdout.write(opts.format === "json" ? JSON.stringify(rows, null, 2) + "\n" : rulesTable(rows));
  return EXIT_CLEAN;
}

/**
 * `go-hazard rules map-race`: the rule's page (docs/rules/<id>.md, shipped in
 * the package) as text, so a finding's rule can be read where it was reported.
 */
function ruleDocs(io: CliIO, rows: RuleRow[], ids: string[], format: "text" | "json"): number {
  const picked: RuleRow[] = [];
  for (const raw of ids) {
    const id = raw.replace(/^go-hazard\//, "");
    const row = rows.find((r) => r.id === id);
    if (!row) {
      const near = rows.filter((r) => r.id.includes(id) || id.includes(r.id)).map((r) => r.id);
      throw new UsageError(`rules ${raw}: no such rule${near.length > 0 ? ` (did you mean ${near.join(", ")}?)` : ""}; \`go-hazard rules\` lists them`);
    }
    picked.push(row);
  }
  if (format === "json") {
    io.stdout.write(JSON.stringify(picked.map((r) => ({ ...r, doc: ruleHelpMarkdown(r.id) ?? null })), null, 2) + "\n");
    return EXIT_CLEAN;
  }
  const pages = picked.map((r) => {
    const md = ruleHelpMarkdown(r.id);
    const head = `${r.id} (${r.defaultSeverity} by default, ${r.severity} here; ${r.checklist.join(", ")})\n${r.url}`;
    return `${head}\n\n${(md ?? r.description).trim()}\n`;
  });
  io.stdout.write(pages.join("\n"));
  return EXIT_CLEAN;
}

function buildProgram(io: CliIO, ruleSet: RuleSet, argv: readonly string[], setExit: (code: number) => void): Command {
  const program = new Command();
  const output = {
    writeOut: (s: string) => void io.stdout.write(s),
    writeErr: (s: string) => void io.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) => write(`go-hazard: ${oneLine(s.replace(/^error:\s*/, ""))}\n`),
  };
  program
    .name("go-hazard")
    .description("Find maps and []byte shared by goroutines without a lock, in Go source, without a Go toolchain.")
    .version(readToolVersion(), "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .configureOutput(output)
    .exitOverride()
    .showSuggestionAfterError(true);

  const configOptions = (cmd: Command): Command =>
    cmd
      .option("--config <file>", "read the configuration from <file> (default: .go-hazard.json/.yaml/.yml, searched upwards from the run root)")
      .option("--no-config", "ignore configuration files")
      .option("-C, --cwd <dir>", "run as if started in <dir>: patterns and reported paths are relative to it");

  const common = (cmd: Command): Command =>
    configOptions(
      cmd
        .addOption(new Option("--tests", "include _test.go files (the default)").hideHelp())
        .option("--no-tests", "leave out _test.go files")
        .option("--generated", "include generated files (// Code generated ... DO NOT EDIT.)")
        .addOption(new Option("--no-generated", "leave out generated files (the default)").hideHelp())
        .option("--vendor", "include vendor/ directories")
        .addOption(new Option("--no-vendor", "leave out vendor/ directories (the default)").hideHelp())
        .option("--go-version <version>", "assume this Go version for every package instead of go.mod's (e.g. 1.21)", (v: string) => parseGoVersionOption(v))
        .option("--goos <os>", "analyse only the files the go tool builds for this GOOS (default: every platform)", (v: string) => parseGoos(v))
        .option("--goarch <arch>", "analyse only the files the go tool builds for this GOARCH (default: every architecture)", (v: string) => parseGoarch(v))
        .option("--tags <list>", "comma-separated custom build tags that hold, as go build -tags (default: any)", collectTags)
        .option("-o, --output <file>", "write the report to a file instead of stdout")
        .option("-q, --quiet", "do not print notifications (warnings about the run) on stderr"),
    );

  common(
    program
      .command("lint")
      .description("analyse Go packages and report hazards (default pattern ./...)")
      .argument("[patterns...]", "package patterns: ./..., ./dir, dir/..., file.go")
      .addOption(
        new Option(
          "-f, --format <name[:file]>",
          `output format (${OUTPUT_FORMATS.join(", ")}), to stdout or, after a colon, to a file; repeatable: --format text --format sarif:go-hazard.sarif`,
        )
          .argParser(collect)
          .default([] as string[], "text"),
      )
      .addOption(new Option("--fail-level <severity>", "exit 1 only for findings of this severity or above (default note: any finding)").choices([...FAIL_LEVELS]))
      .option("-j, --jobs <n>", "worker threads (default: by amount of source, up to the number of CPUs; 1 = no workers)", (v: string) => parseJobs(v))
      .option("--rule <id=severity>", "set a rule's severity (error, warning, note) or turn it off (off); repeatable", collect, [] as string[])
      .option("--report-unused-suppressions", "report //nolint, //lint:ignore and eslint-disable comments that suppress nothing (rule unused-suppression)")
      .option("--baseline <file>", "do not report findings recorded in <file> (see --write-baseline)")
      .option("--write-baseline <file>", "record the current findings in <file> and exit 0 instead of reporting them")
      .option("--new-from-rev <rev>", "report only findings in code changed since the git revision <rev> (e.g. origin/main, HEAD~1)")
      .addOption(new Option("--cache", "reuse results of unchanged packages (the default)").hideHelp())
      .option("--no-cache", "do not read or write the result cache")
      .option("--cache-dir <dir>", "result cache directory (default: $XDG_CACHE_HOME/go-hazard or ~/.cache/go-hazard)")
      .option("--sarif-category <name>", "SARIF automationDetails category (one per analysis uploaded to code scanning)")
      .option("--sarif-root <dir>", "make SARIF paths relative to <dir> (default: the git top level of the run root, else the run root)")
      .option("--color", "force colours in text output")
      .option("--no-color", "no colours in text output"),
  )
    .configureOutput(output)
    .exitOverride()
    .action(async (patterns: string[], opts: LintCliOptions) => {
      setExit(await lintCommand(io, ruleSet, patterns, opts, argv));
    });

  configOptions(
    program
      .command("rules")
      .description("list the rules: checklist items, default severity, recommended, and whether on in this configuration; with ids, print those rules' documentation")
      .argument("[ids...]", "rule ids whose documentation to print (e.g. map-race)")
      .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
      .option("--rule <id=severity>", "set a rule's severity or turn it off, as for lint; repeatable", collect, [] as string[])
      .option("--report-unused-suppressions", "as for lint: turn unused-suppression on"),
  )
    .configureOutput(output)
    .exitOverride()
    .action((ids: string[], opts: RulesCliOptions) => {
      setExit(rulesCommand(io, ruleSet, ids, opts));
    });

  common(
    program
      .command("facts")
      .description("print the analyzers' results (shared objects, goroutines, conflicting accesses, ...) as JSON")
      .argument("[patterns...]", "package patterns (default ./...)")
      .option("--analyzer <name>", `only this analyzer's results (repeatable): ${dumpableAnalyzers().map((a) => a.name).join(", ")}`, collect, [] as string[]),
  )
    .configureOutput(output)
    .exitOverride()
    .action(async (patterns: string[], opts: FactsCliOptions) => {
      setExit(await factsCommand(io, ruleSet, patterns, opts));
    });

  return program;
}

/** Runs the CLI; resolves to the exit code. `argv` excludes `node` and the script. */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO()): Promise<number> {
  let code = EXIT_CLEAN;
  const program = buildProgram(io, await loadRuleSet(STANDARD_RULES_URL), argv, (c) => (code = c));
  if (argv.length === 0) {
    io.stdout.write(program.helpInformation());
    return EXIT_CLEAN;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (err) {
    if (err instanceof Exit) return err.code;
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return EXIT_CLEAN;
      return EXIT_ERROR;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`go-hazard: ${oneLine(err.message)}\n`);
      return EXIT_ERROR;
    }
    io.stderr.write(`go-hazard: internal error: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    if (io.env.GO_HAZARD_DEBUG && err instanceof Error && err.stack) io.stderr.write(err.stack + "\n");
    return EXIT_ERROR;
  }
  return code;
}


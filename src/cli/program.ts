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
import { runLint, parseRuleOption, UsageError, type RuleSetting, compareNotifications, loadProblemNotification } from "../engine/index.js";
import { dumpFacts } from "../engine/facts.js";
import { loadPackages, DEFAULT_MAX_FILE_BYTES } from "../loader/index.js";
import { formatReport, OUTPUT_FORMATS, type OutputFormat } from "../report/index.js";
import type { Notification } from "../report/finding.js";
import type { ReportInput } from "../report/report-input.js";
import { PARSE_ERROR_RULE, type RuleInfo } from "../report/rule-info.js";
import { toRuleInfo } from "../eslint/rule.js";
import plugin from "../eslint/plugin.js";
import { rules as registeredRules } from "../../rules/index.js";

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

/** Every rule with its metadata, parse-error included, sorted by id. */
export function allRuleInfos(): RuleInfo[] {
  const out = Object.entries(registeredRules).map(([id, rule]) => toRuleInfo(id, rule));
  out.push({ ...PARSE_ERROR_RULE });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function rulesTable(infos: RuleInfo[]): string {
  const rows = [["RULE", "CHECKLIST", "SEVERITY", "RECOMMENDED", "DESCRIPTION"]];
  for (const r of infos) {
    rows.push([r.id, r.checklist.join(","), r.defaultSeverity, r.recommended ? "on" : "off", r.description]);
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

interface LintCliOptions {
  format: OutputFormat;
  output?: string;
  jobs?: number;
  tests: boolean;
  generated?: boolean;
  vendor?: boolean;
  rule: string[];
  sarifCategory?: string;
  color?: boolean;
  quiet?: boolean;
  cwd?: string;
}

function writeOutput(io: CliIO, file: string | undefined, text: string): void {
  if (file === undefined) {
    io.stdout.write(text);
    return;
  }
  const abs = path.resolve(io.cwd, file);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  } catch (err) {
    io.stderr.write(`go-hazard: cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
    throw new Exit(EXIT_ERROR);
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

async function lintCommand(io: CliIO, patterns: string[], opts: LintCliOptions, argv: readonly string[]): Promise<number> {
  const overrides: Record<string, RuleSetting> = {};
  for (const spec of opts.rule) {
    const [id, setting] = parseRuleOption(spec);
    overrides[id] = setting;
  }
  const root = resolveRunRoot(io, opts.cwd);
  const startTime = new Date().toISOString();
  const progress = !opts.quiet && io.stderr.isTTY === true ? progressLine(io) : null;
  const result = await runLint({
    patterns: patterns.length > 0 ? patterns : ["./..."],
    cwd: root,
    ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
    tests: opts.tests,
    generated: opts.generated === true,
    vendor: opts.vendor === true,
    rules: overrides,
    ...(progress ? { onProgress: progress.update } : {}),
  });
  progress?.clear();
  const endTime = new Date().toISOString();

  const loadErrors = result.loadProblems.filter((p) => p.level === "error");
  if (!opts.quiet) for (const n of result.notifications) io.stderr.write(notificationLine(n));
  if (loadErrors.length > 0) {
    for (const p of loadErrors) io.stderr.write(`go-hazard: ${oneLine(p.message)}\n`);
    return EXIT_ERROR;
  }

  const color =
    opts.output === undefined &&
    (opts.color ?? (io.stdout.isTTY === true && (io.env.NO_COLOR === undefined || io.env.NO_COLOR === "")));
  const input: ReportInput = {
    findings: result.findings,
    // On a terminal the notifications already went to stderr; text written to
    // a file keeps them.
    notifications: opts.format === "text" && opts.output === undefined ? [] : result.notifications,
    rules: result.rules,
    cwd: result.cwd,
    toolVersion: plugin.meta.version,
    ...(opts.sarifCategory !== undefined ? { category: opts.sarifCategory } : {}),
    executionSuccessful: result.executionSuccessful,
    commandLine: ["go-hazard", ...argv].join(" "),
    startTime,
    endTime,
  };
  writeOutput(io, opts.output, formatReport(opts.format, input, { color, env: io.env }));

  if (!result.executionSuccessful) return EXIT_ERROR;
  return result.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

interface FactsCliOptions {
  output?: string;
  tests: boolean;
  generated?: boolean;
  vendor?: boolean;
  quiet?: boolean;
  cwd?: string;
}

async function factsCommand(io: CliIO, patterns: string[], opts: FactsCliOptions): Promise<number> {
  const root = resolveRunRoot(io, opts.cwd);
  const load = await loadPackages(patterns.length > 0 ? patterns : ["./..."], {
    cwd: root,
    tests: opts.tests,
    generated: opts.generated === true,
    vendor: opts.vendor === true,
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  });
  const loadErrors = load.problems.filter((p) => p.level === "error");
  const notes = load.problems.filter((p) => p.level === "warning").map(loadProblemNotification);
  if (loadErrors.length > 0) {
    if (!opts.quiet) for (const n of notes) io.stderr.write(notificationLine(n));
    for (const p of loadErrors) io.stderr.write(`go-hazard: ${oneLine(p.message)}\n`);
    return EXIT_ERROR;
  }
  const dump = dumpFacts(load.packages);
  const notifications = [...notes, ...dump.notifications].sort(compareNotifications);
  if (!opts.quiet) for (const n of notifications) io.stderr.write(notificationLine(n));
  const json = { tool: { name: "go-hazard", version: plugin.meta.version }, packages: dump.packages };
  writeOutput(io, opts.output, JSON.stringify(json, null, 2) + "\n");
  return dump.notifications.some((n) => n.kind === "internal-error") ? EXIT_ERROR : EXIT_CLEAN;
}

function buildProgram(io: CliIO, argv: readonly string[], setExit: (code: number) => void): Command {
  const program = new Command();
  const output = {
    writeOut: (s: string) => void io.stdout.write(s),
    writeErr: (s: string) => void io.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) => write(`go-hazard: ${oneLine(s.replace(/^error:\s*/, ""))}\n`),
  };
  program
    .name("go-hazard")
    .description("Find maps and []byte shared by goroutines without a lock, in Go source, without a Go toolchain.")
    .version(plugin.meta.version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .configureOutput(output)
    .exitOverride()
    .showSuggestionAfterError(true);

  const common = (cmd: Command): Command =>
    cmd
      .option("--no-tests", "leave out _test.go files")
      .option("--generated", "include generated files (// Code generated ... DO NOT EDIT.)")
      .option("--vendor", "include vendor/ directories")
      .option("-o, --output <file>", "write the report to a file instead of stdout")
      .option("-q, --quiet", "do not print notifications (warnings about the run) on stderr")
      .option("-C, --cwd <dir>", "run as if started in <dir>: patterns and reported paths are relative to it");

  common(
    program
      .command("lint")
      .description("analyse Go packages and report hazards (default pattern ./...)")
      .argument("[patterns...]", "package patterns: ./..., ./dir, dir/..., file.go")
      .addOption(new Option("-f, --format <format>", "output format").choices([...OUTPUT_FORMATS]).default("text"))
      .option("-j, --jobs <n>", "worker threads (default: by amount of source, up to the number of CPUs; 1 = no workers)", (v: string) => parseJobs(v))
      .option("--rule <id=severity>", "set a rule's severity (error, warning, note) or turn it off (off); repeatable", collect, [] as string[])
      .option("--sarif-category <name>", "SARIF automationDetails category (one per analysis uploaded to code scanning)")
      .option("--color", "force colours in text output")
      .option("--no-color", "no colours in text output"),
  )
    .configureOutput(output)
    .exitOverride()
    .action(async (patterns: string[], opts: LintCliOptions) => {
      setExit(await lintCommand(io, patterns, opts, argv));
    });

  program
    .command("rules")
    .description("list the rules with their checklist items, default severity and whether recommended")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .configureOutput(output)
    .exitOverride()
    .action((opts: { format: "text" | "json" }) => {
      const infos = allRuleInfos();
      io.stdout.write(opts.format === "json" ? JSON.stringify(infos, null, 2) + "\n" : rulesTable(infos));
      setExit(EXIT_CLEAN);
    });

  common(
    program
      .command("facts")
      .description("print the analysis facts (shared objects, goroutines, conflicting accesses) as JSON")
      .argument("[patterns...]", "package patterns (default ./...)"),
  )
    .configureOutput(output)
    .exitOverride()
    .action(async (patterns: string[], opts: FactsCliOptions) => {
      setExit(await factsCommand(io, patterns, opts));
    });

  return program;
}

/** Runs the CLI; resolves to the exit code. `argv` excludes `node` and the script. */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO()): Promise<number> {
  let code = EXIT_CLEAN;
  const program = buildProgram(io, argv, (c) => (code = c));
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


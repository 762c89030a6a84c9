/**
 * One package, start to finish, on the current thread: parse every file once,
 * build the IR, then lint each file with ESLint on the pre-built tree (the
 * analysis runs lazily, the first time a rule asks for facts). Nothing here
 * throws: a failure in a rule or the analysis becomes an `internal-error`
 * notification and the rest of the package is still reported.
 */
import type { Linter } from "eslint";
import type { GoPackage } from "../loader/types.js";
import { ParseFailure, parseGo, parserInfo, QueuedParse, type ParsedFile } from "../parse/parser.js";
import { buildPackageIR } from "../ir/index.js";
import type { PackageIR } from "../ir/types.js";
import type { Finding, Notification } from "../report/finding.js";
import { PARSE_ERROR_RULE } from "../report/rule-info.js";
import { GoSourceCode } from "../eslint/source-code.js";
import { createEvidenceSink, createServices } from "../eslint/services.js";
import { PLUGIN_PREFIX } from "../eslint/directives.js";
import { hasEslintRules, threadEslint, type EngineConfig } from "./config.js";
import { loadedRuleSet, loadRuleSet } from "./rule-set.js";
import { convertMessages, fingerprint } from "./convert.js";
import { PackageDriver } from "../analysis/framework.js";
import { analyzers } from "../analysis/registry.js";
import { FILES_PER_TURN, turn } from "./event-loop.js";
import { unparsedNotification, withoutUnparsed } from "../ir/unparsed.js";

export interface PackageResult {
  packageId: string;
  findings: Finding[];
  notifications: Notification[];
  /** Files analysed in the package. */
  files: number;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message.split("\n")[0] || err.name;
  return String(err);
}

export function internalError(pkg: GoPackage, what: string, err: unknown, file?: string): Notification {
  return {
    level: "error",
    kind: "internal-error",
    message: `package ${pkg.id}: ${what}: ${errorText(err)}`,
    ...(file !== undefined ? { file } : {}),
  };
}

/**
 * A package's parses, queued on the native export's thread-pool stream (null
 * with the binding reader). Queued ahead, while this thread analyses the
 * package before, they cost this thread only the tree building. Only the
 * in-thread run (`--jobs 1`, and every run too small for workers) queues:
 * with a worker per core the cores are busy already, and two workers' parse
 * streams made a two-worker run of the stdlib slower, not faster.
 */
export function queueParse(pkg: GoPackage): QueuedParse | null {
  return parserInfo.reader === "native" ? new QueuedParse(pkg.files.map((f) => f.text)) : null;
}

/**
 * Parses on this thread. It turns the event loop every few files: the
 * binding reader's native trees are freed only there (see `turn`).
 */
async function parseHere(pkg: GoPackage): Promise<ParsedFile[]> {
  const parsed: ParsedFile[] = [];
  for (const [i, file] of pkg.files.entries()) {
    if (i % FILES_PER_TURN === FILES_PER_TURN - 1) await turn();
    try {
      parsed.push(parseGo(file.text));
    } catch (err) {
      throw new ParseFailure(i, err);
    }
  }
  return parsed;
}

/** `queued`: the package's parses, if the caller queued them ahead (`queueParse`). */
export async function analyzeOnePackage(loaded: GoPackage, config: EngineConfig, queued?: QueuedParse | null): Promise<PackageResult> {
  let pkg = loaded;
  await loadRuleSet(config.rulesUrl);
  const result: PackageResult = { packageId: pkg.id, findings: [], notifications: [], files: pkg.files.length };
  const reportOnly = pkg.reportOnly === null ? null : new Set(pkg.reportOnly);
  const reported = (rel: string): boolean => reportOnly === null || reportOnly.has(rel);

  // ---- parse -------------------------------------------------------------------
  if (queued && hasEslintRules(config)) {
    // ESLint loads (on first use, once per thread) while the queued parses run.
    try {
      threadEslint(config);
    } catch {
      // Reported file by file when the files are linted, after the parse errors.
    }
  }
  let parsed: ParsedFile[];
  try {
    parsed = queued ? await queued.trees() : await parseHere(pkg);
  } catch (err) {
    if (!(err instanceof ParseFailure)) throw err;
    const file = pkg.files[err.index]!;
    result.notifications.push(internalError(pkg, `parsing ${file.relPath} failed`, err.error, file.relPath));
    return result;
  }
  const deep = withoutUnparsed(pkg, parsed);
  for (const d of deep.dropped) if (reported(d.file.relPath)) result.notifications.push(unparsedNotification(d));
  ({ pkg, parsed } = deep);
  const parseSeverity = config.rules[PARSE_ERROR_RULE.id];
  pkg.files.forEach((file, i) => {
    const errors = parsed[i]!.syntaxErrors;
    if (errors.length === 0 || !reported(file.relPath)) return;
    const first = errors[0]!;
    result.notifications.push({
      level: "warning",
      kind: "parse-error",
      message:
        `${first.message}` +
        (errors.length > 1 ? ` (and ${errors.length - 1} more)` : "") +
        "; findings in this file may be incomplete",
      file: file.relPath,
      line: first.line,
      column: first.column,
    });
    if (parseSeverity === undefined) return;
    for (const e of errors) {
      result.findings.push({
        ruleId: PARSE_ERROR_RULE.id,
        severity: parseSeverity,
        message: e.message,
        file: file.relPath,
        line: e.line,
        column: e.column,
        endLine: e.endLine,
        endColumn: e.endColumn,
        related: [],
        flows: [],
        fingerprint: fingerprint({ ruleId: PARSE_ERROR_RULE.id, file: file.relPath, message: e.message }),
      });
    }
  });

  if (!hasEslintRules(config)) return result;
  const ruleSet = loadedRuleSet(config.rulesUrl);

  // ---- IR ------------------------------------------------------------------------
  let ir: PackageIR;
  try {
    ir = buildPackageIR(pkg, parsed);
  } catch (err) {
    result.notifications.push(internalError(pkg, "building the IR failed", err));
    return result;
  }
  const driver = new PackageDriver(ir, {
    ...(config.analysis ? { analysis: config.analysis } : {}),
    onError: (failure) => result.notifications.push(internalError(pkg, `analyzer ${failure.analyzer} failed`, failure.cause)),
  });

  // ---- rules, file by file ----------------------------------------------------------
  ir.files.forEach((fileIR, i) => {
    const file = pkg.files[i]!;
    if (!reported(file.relPath)) return;
    const disabled = new Set<string>();
    // A rule that throws is reported and turned off for this file; the other
    // rules' findings are kept (verify is re-run without it).
    for (;;) {
      const sink = createEvidenceSink();
      const sourceCode = new GoSourceCode({
        text: file.text,
        parsed: fileIR.parsed ?? parsed[i]!,
        services: createServices(driver, fileIR, sink),
        knownRules: ruleSet.ids,
      });
      let messages: Linter.LintMessage[];
      try {
        const { linter, configArray } = threadEslint(config, disabled);
        messages = linter.verify(sourceCode as never, configArray, file.path);
      } catch (err) {
        const fullId = (err as { ruleId?: unknown }).ruleId;
        const ruleId = typeof fullId === "string" && fullId.startsWith(PLUGIN_PREFIX) ? fullId.slice(PLUGIN_PREFIX.length) : null;
        const line = /Occurred while linting .*:(\d+)\s*$/m.exec(err instanceof Error ? err.message : "")?.[1];
        result.notifications.push({
          ...internalError(pkg, ruleId ? `rule ${ruleId} failed` : "linting failed", err, file.relPath),
          ...(line ? { line: Number(line) } : {}),
        });
        if (ruleId === null || disabled.has(ruleId)) break;
        disabled.add(ruleId);
        continue;
      }
      const converted = convertMessages(messages, { file: file.relPath, severities: config.rules, evidence: sink.records, rules: ruleSet.rules });
      for (const x of converted.findings) result.findings.push(x);
      for (const x of converted.notifications) result.notifications.push(x);
      break;
    }
  });
  if (analyzers.some((a) => a.partial !== undefined && driver.peek(a) !== undefined && a.partial(driver.peek(a)))) {
    result.notifications.push({
      level: "note",
      kind: "analysis-budget",
      message: `package ${pkg.id}: analysis budget exhausted; some hazards in this package may be missed`,
    });
  }
  return result;
}

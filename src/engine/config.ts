/**
 * Which rules run, at which severity, and the ESLint side of it: one Linter
 * and one normalized config array per thread, built once and reused for
 * every file (ESLint re-normalizes a plain config array on every `verify`).
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import type { Linter } from "eslint";
import { PARSE_ERROR_RULE, ruleDocsUrl, type RuleInfo } from "../report/rule-info.js";
import type { Severity } from "../report/finding.js";
import { toRuleInfo } from "../eslint/rule.js";
import { PLUGIN_NAME, toEslintSeverity } from "../eslint/plugin-factory.js";
import { UsageError } from "../usage-error.js";
import { loadedRuleSet, type RuleSet } from "./rule-set.js";
import { selectiveTraversalPlugin } from "../eslint/selective.js";
import type { AnalysisOptions } from "../analysis/framework.js";

export type RuleSetting = Severity | "off";

/** Plain data (it crosses to worker threads). */
export interface EngineConfig {
  /** The rule set's module (src/engine/rule-set.ts): loaded on each thread before use. */
  rulesUrl: string;
  /**
   * Enabled rules, ids without prefix, with their go-hazard severity. May
   * include the engine's pseudo-rules `parse-error` and `unused-suppression`.
   */
  rules: Record<string, Severity>;
  /** Rule options (what follows the severity in `[severity, ...options]`), by rule id. */
  options?: Record<string, unknown[]>;
  analysis?: AnalysisOptions;
}

/**
 * The engine's pseudo-rule for suppression comments (`//nolint:go-hazard...`,
 * `//lint:ignore`, `// eslint-disable...`) that suppress nothing. Off unless
 * `--report-unused-suppressions` or the config turns it on.
 */
export const UNUSED_SUPPRESSION_RULE: RuleInfo = {
  id: "unused-suppression",
  name: "UnusedSuppression",
  description:
    "A suppression comment (//nolint:go-hazard, //lint:ignore go-hazard/..., eslint-disable) suppresses no finding: it is stale and would hide a future one.",
  checklist: ["DP-13"],
  cwe: [],
  category: "robustness",
  defaultSeverity: "warning",
  precision: "very-high",
  recommended: false,
  url: ruleDocsUrl("unused-suppression"),
};

/** The engine's own rules: reported by the engine, not by ESLint rules. */
export const PSEUDO_RULES: readonly RuleInfo[] = [PARSE_ERROR_RULE, UNUSED_SUPPRESSION_RULE];


const SETTING_ALIASES: Record<string, RuleSetting> = {
  error: "error",
  warning: "warning",
  warn: "warning",
  note: "note",
  info: "note",
  off: "off",
};

/** Every rule id the user may name: the rule set's and the pseudo-rules. */
export function knownRuleIds(ruleSet: RuleSet): string[] {
  return [...ruleSet.ids, ...PSEUDO_RULES.map((r) => r.id)].sort();
}

/** A user-written rule id (`map-race` or `go-hazard/map-race`) without the plugin prefix. */
export function normalizeRuleId(id: string): string {
  return id.startsWith(`${PLUGIN_NAME}/`) ? id.slice(PLUGIN_NAME.length + 1) : id;
}

/** Every rule's metadata, pseudo-rules included, sorted by id. */
export function allRuleInfos(ruleSet: RuleSet): RuleInfo[] {
  const out = ruleSet.infos();
  for (const r of PSEUDO_RULES) out.push({ ...r });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `map-race=warning` → ["map-race", "warning"]; throws UsageError on anything else. */
export function parseRuleOption(spec: string, ruleSet: RuleSet): [string, RuleSetting] {
  const m = /^\s*([^=\s]+)\s*=\s*([A-Za-z]+)\s*$/.exec(spec);
  if (!m) throw new UsageError(`bad --rule "${spec}": expected <rule>=<error|warning|note|off>`);
  const id = normalizeRuleId(m[1]!);
  const setting = SETTING_ALIASES[m[2]!.toLowerCase()];
  if (!setting) throw new UsageError(`bad --rule "${spec}": severity must be error, warning, note or off`);
  if (!knownRuleIds(ruleSet).includes(id)) {
    throw new UsageError(`bad --rule "${spec}": unknown rule "${id}" (see \`go-hazard rules\`)`);
  }
  return [id, setting];
}

/** Recommended rules at their default severity, then the user's overrides. */
export function resolveRuleSettings(overrides: Record<string, RuleSetting>, ruleSet: RuleSet): Record<string, Severity> {
  const out: Record<string, Severity> = {};
  for (const [id, rule] of Object.entries(ruleSet.rules)) {
    if (rule.meta.docs.recommended) out[id] = rule.meta.docs.defaultSeverity;
  }
  for (const r of PSEUDO_RULES) if (r.recommended) out[r.id] = r.defaultSeverity;
  for (const [id, setting] of Object.entries(overrides)) {
    if (!knownRuleIds(ruleSet).includes(id)) throw new UsageError(`unknown rule "${id}" (see \`go-hazard rules\`)`);
    if (setting === "off") delete out[id];
    else out[id] = setting;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** RuleInfo of every enabled rule (pseudo-rules included when on), sorted by id. */
export function enabledRuleInfos(config: EngineConfig): RuleInfo[] {
  const { rules } = loadedRuleSet(config.rulesUrl);
  const out: RuleInfo[] = [];
  for (const id of Object.keys(config.rules)) {
    const pseudo = PSEUDO_RULES.find((r) => r.id === id);
    if (pseudo) out.push({ ...pseudo });
    else if (rules[id]) out.push(toRuleInfo(id, rules[id]!));
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// ---- ESLint, once per thread ---------------------------------------------------------

type ConfigArray = Linter.Config[];

interface ThreadEslint {
  linter: Linter;
  /** Config arrays by the set of rules turned off after they crashed ("" = none). */
  configs: Map<string, ConfigArray>;
}

const perConfig = new Map<string, ThreadEslint>();

// ESLint is loaded on first use: the main thread of a run on workers, and
// commands such as `rules` or `--version`, never need it (~150 ms saved).
let LinterClass: typeof Linter | undefined;
function linterClass(): typeof Linter {
  // `eslint/universal` is ESLint's entry point with just the Linter: half the load time of
  // the full API (which brings the file-enumerating ESLint class along).
  return (LinterClass ??= (createRequire(import.meta.url)("eslint/universal") as { Linter: typeof Linter }).Linter);
}

// ESLint's FlatConfigArray is not exported; a plain array passed to `verify`
// is wrapped and normalized again on every call. When the class can be
// reached, normalize once; otherwise fall back to the plain array.
type FlatConfigArrayCtor = new (configs: unknown, options: { basePath: string }) => ConfigArray & {
  normalizeSync(): unknown;
  getConfig(file: string): unknown;
};
let flatConfigArrayCtor: FlatConfigArrayCtor | null | undefined;
function getFlatConfigArray(): FlatConfigArrayCtor | null {
  if (flatConfigArrayCtor === undefined) {
    try {
      const require = createRequire(import.meta.url);
      const eslintDir = path.dirname(require.resolve("eslint/package.json"));
      const mod = require(path.join(eslintDir, "lib", "config", "flat-config-array.js")) as { FlatConfigArray?: FlatConfigArrayCtor };
      flatConfigArrayCtor = typeof mod.FlatConfigArray === "function" ? mod.FlatConfigArray : null;
    } catch {
      flatConfigArrayCtor = null;
    }
  }
  return flatConfigArrayCtor;
}

function plainConfigArray(config: EngineConfig, disabled: ReadonlySet<string>): ConfigArray {
  const { rules, plugin } = loadedRuleSet(config.rulesUrl);
  const eslintRules: Record<string, unknown> = {};
  let anyOptions = false;
  for (const [id, severity] of Object.entries(config.rules)) {
    if (disabled.has(id) || !rules[id]) continue;
    const level = toEslintSeverity(severity);
    const options = config.options?.[id];
    if (options && options.length > 0) anyOptions = true;
    eslintRules[`${PLUGIN_NAME}/${id}`] = options && options.length > 0 ? [level, ...options] : level;
  }
  return [
    // The loader has already chosen the files (as `go` would: `node_modules/`
    // is an ordinary directory to it); ESLint's default ignores must not turn
    // a chosen file into "No matching configuration found".
    { ignores: ["!**/node_modules/"] },
    {
      files: ["**/*.go"],
      // Rules wrapped so that ESLint traverses only the node types they listen to.
      plugins: { [PLUGIN_NAME]: selectiveTraversalPlugin(plugin, anyOptions) },
      language: `${PLUGIN_NAME}/go`,
      // ESLint finds the directives that suppressed nothing; the engine turns
      // its messages into `unused-suppression` findings (src/engine/suppressions.ts).
      linterOptions: { reportUnusedDisableDirectives: config.rules[UNUSED_SUPPRESSION_RULE.id] ? "warn" : "off" },
      rules: eslintRules,
    },
  ] as unknown as ConfigArray;
}

/**
 * Checks one rule's options the way ESLint will (the rule's `meta.schema`):
 * the problem as one line, or null when they are fine.
 */
export function ruleOptionsProblem(id: string, options: unknown[], ruleSet: RuleSet): string | null {
  const config: EngineConfig = { rulesUrl: ruleSet.url, rules: { [id]: "warning" }, options: { [id]: options } };
  const Ctor = getFlatConfigArray();
  try {
    if (Ctor) {
      const array = new Ctor(plainConfigArray(config, new Set()), { basePath: "/" });
      array.normalizeSync();
      array.getConfig("/x.go");
    } else {
      const messages = new (linterClass())({ cwd: "/", configType: "flat" }).verify("package x\n", plainConfigArray(config, new Set()), "/x.go");
      const fatal = messages.find((m) => m.fatal);
      if (fatal) throw new Error(fatal.message);
    }
    return null;
  } catch (err) {
    return (err instanceof Error ? err.message : String(err))
      .replace(/\s*[\r\n]+\s*/g, " ")
      .replace(/^Key "rules": /, "")
      .replace(/^Key "[^"]*": /, "")
      .trim();
  }
}

/** Throws a UsageError naming the rule when any rule's options are bad. */
export function validateRuleOptions(config: EngineConfig): void {
  for (const [id, options] of Object.entries(config.options ?? {})) {
    const problem = ruleOptionsProblem(id, options, loadedRuleSet(config.rulesUrl));
    if (problem) throw new UsageError(`bad options for rule ${id}: ${problem}`);
  }
}

function buildConfigArray(config: EngineConfig, disabled: ReadonlySet<string>): ConfigArray {
  const configs = plainConfigArray(config, disabled);
  const Ctor = getFlatConfigArray();
  if (!Ctor) return configs;
  try {
    const array = new Ctor(configs, { basePath: "/" });
    array.normalizeSync();
    return array;
  } catch {
    return configs;
  }
}

/** The thread's Linter and the config array for `config` minus the `disabled` rules. */
export function threadEslint(config: EngineConfig, disabled: ReadonlySet<string> = new Set()): { linter: Linter; configArray: ConfigArray } {
  const key = JSON.stringify([config.rulesUrl, config.rules, config.options ?? {}]);
  let entry = perConfig.get(key);
  if (!entry) {
    // cwd "/" so that any absolute path, inside the run root or not, matches `**/*.go`.
    entry = { linter: new (linterClass())({ cwd: "/", configType: "flat" }), configs: new Map() };
    perConfig.set(key, entry);
  }
  const dkey = [...disabled].sort().join(",");
  let configArray = entry.configs.get(dkey);
  if (!configArray) {
    configArray = buildConfigArray(config, disabled);
    entry.configs.set(dkey, configArray);
  }
  return { linter: entry.linter, configArray };
}

/** Does the config run any ESLint rule (anything beyond the pseudo-rules)? */
export function hasEslintRules(config: EngineConfig): boolean {
  const { rules } = loadedRuleSet(config.rulesUrl);
  return Object.keys(config.rules).some((id) => rules[id] !== undefined);
}

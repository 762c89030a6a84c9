/**
 * Which rules run, at which severity, and the ESLint side of it: one Linter
 * and one normalized config array per thread, built once and reused for
 * every file (ESLint re-normalizes a plain config array on every `verify`).
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import type { Linter } from "eslint";
import { rules as registeredRules } from "../../rules/index.js";
import { PARSE_ERROR_RULE, type RuleInfo } from "../report/rule-info.js";
import type { Severity } from "../report/finding.js";
import { toRuleInfo } from "../eslint/rule.js";
import plugin, { PLUGIN_NAME, toEslintSeverity } from "../eslint/plugin.js";
import type { AnalysisOptions } from "../analysis/index.js";

export type RuleSetting = Severity | "off";

/** Plain data (it crosses to worker threads). */
export interface EngineConfig {
  /** Enabled rules, ids without prefix, with their go-hazard severity. May include `parse-error`. */
  rules: Record<string, Severity>;
  analysis?: AnalysisOptions;
}

export class UsageError extends Error {
  override name = "UsageError";
}

const SETTING_ALIASES: Record<string, RuleSetting> = {
  error: "error",
  warning: "warning",
  warn: "warning",
  note: "note",
  info: "note",
  off: "off",
};

/** Every rule id the user may name: registered rules and `parse-error`. */
export function knownRuleIds(): string[] {
  return [...Object.keys(registeredRules), PARSE_ERROR_RULE.id].sort();
}

/** `map-race=warning` → ["map-race", "warning"]; throws UsageError on anything else. */
export function parseRuleOption(spec: string): [string, RuleSetting] {
  const m = /^\s*([^=\s]+)\s*=\s*([A-Za-z]+)\s*$/.exec(spec);
  if (!m) throw new UsageError(`bad --rule "${spec}": expected <rule>=<error|warning|note|off>`);
  let id = m[1]!;
  if (id.startsWith(`${PLUGIN_NAME}/`)) id = id.slice(PLUGIN_NAME.length + 1);
  const setting = SETTING_ALIASES[m[2]!.toLowerCase()];
  if (!setting) throw new UsageError(`bad --rule "${spec}": severity must be error, warning, note or off`);
  if (!knownRuleIds().includes(id)) {
    throw new UsageError(`bad --rule "${spec}": unknown rule "${id}" (see \`go-hazard rules\`)`);
  }
  return [id, setting];
}

/** Recommended rules at their default severity, then the user's overrides. */
export function resolveRuleSettings(overrides: Record<string, RuleSetting> = {}): Record<string, Severity> {
  const out: Record<string, Severity> = {};
  for (const [id, rule] of Object.entries(registeredRules)) {
    if (rule.meta.docs.recommended) out[id] = rule.meta.docs.defaultSeverity;
  }
  if (PARSE_ERROR_RULE.recommended) out[PARSE_ERROR_RULE.id] = PARSE_ERROR_RULE.defaultSeverity;
  for (const [id, setting] of Object.entries(overrides)) {
    if (!knownRuleIds().includes(id)) throw new UsageError(`unknown rule "${id}" (see \`go-hazard rules\`)`);
    if (setting === "off") delete out[id];
    else out[id] = setting;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** RuleInfo of every enabled rule (parse-error included when on), sorted by id. */
export function enabledRuleInfos(config: EngineConfig): RuleInfo[] {
  const out: RuleInfo[] = [];
  for (const id of Object.keys(config.rules)) {
    if (id === PARSE_ERROR_RULE.id) out.push({ ...PARSE_ERROR_RULE });
    else if (registeredRules[id]) out.push(toRuleInfo(id, registeredRules[id]!));
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
  return (LinterClass ??= (createRequire(import.meta.url)("eslint") as { Linter: typeof Linter }).Linter);
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

function buildConfigArray(rules: Record<string, Severity>, disabled: ReadonlySet<string>): ConfigArray {
  const eslintRules: Record<string, "error" | "warn"> = {};
  for (const [id, severity] of Object.entries(rules)) {
    if (id === PARSE_ERROR_RULE.id || disabled.has(id) || !registeredRules[id]) continue;
    eslintRules[`${PLUGIN_NAME}/${id}`] = toEslintSeverity(severity) as "error" | "warn";
  }
  const configs = [
    {
      files: ["**/*.go"],
      plugins: { [PLUGIN_NAME]: plugin },
      language: `${PLUGIN_NAME}/go`,
      linterOptions: { reportUnusedDisableDirectives: "off" },
      rules: eslintRules,
    },
  ] as unknown as ConfigArray;
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
  const key = JSON.stringify(config.rules);
  let entry = perConfig.get(key);
  if (!entry) {
    // cwd "/" so that any absolute path, inside the run root or not, matches `**/*.go`.
    entry = { linter: new (linterClass())({ cwd: "/", configType: "flat" }), configs: new Map() };
    perConfig.set(key, entry);
  }
  const dkey = [...disabled].sort().join(",");
  let configArray = entry.configs.get(dkey);
  if (!configArray) {
    configArray = buildConfigArray(config.rules, disabled);
    entry.configs.set(dkey, configArray);
  }
  return { linter: entry.linter, configArray };
}

/** Does the config run any ESLint rule (anything beyond parse-error)? */
export function hasEslintRules(config: EngineConfig): boolean {
  return Object.keys(config.rules).some((id) => id !== PARSE_ERROR_RULE.id && registeredRules[id] !== undefined);
}

/**
 * The configuration file: `.go-hazard.json`, `.go-hazard.yaml` or
 * `.go-hazard.yml`, found by walking up from the run root to the filesystem
 * root (the first directory that has one wins), or named with `--config`.
 * It is validated against schema/go-hazard.schema.json (shipped in the
 * package); any problem is a one-line UsageError naming the key (exit 2).
 *
 * Command-line options override the file; `--rule` overrides its `rules`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { knownRuleIds, normalizeRuleId, ruleOptionsProblem, type RuleSetting } from "../engine/config.js";
import type { RuleSet } from "../engine/rule-set.js";
import { UsageError } from "../usage-error.js";
import { GlobError, pathFilter } from "./glob.js";
import { SchemaValidator, closest, type JsonSchema } from "./validate.js";

// Loaded only when there is a YAML config to read: ~20 ms of every run's start otherwise.
let yamlModule: typeof import("yaml") | undefined;
function yaml(): typeof import("yaml") {
  return (yamlModule ??= createRequire(import.meta.url)("yaml") as typeof import("yaml"));
}

export const CONFIG_FILE_NAMES = [".go-hazard.json", ".go-hazard.yaml", ".go-hazard.yml"] as const;

/** The package root: this file is compiled to dist/src/config/index.js. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const SCHEMA_PATH = path.join(PACKAGE_ROOT, "schema", "go-hazard.schema.json");

export type RuleConfigValue = RuleSetting | [RuleSetting, ...unknown[]];

/** What a config file may hold (schema/go-hazard.schema.json). */
export interface GoHazardConfig {
  $schema?: string;
  rules?: Record<string, RuleConfigValue>;
  include?: string[];
  exclude?: string[];
  tests?: boolean;
  generated?: boolean;
  vendor?: boolean;
  goVersion?: string;
  goos?: string;
  goarch?: string;
  tags?: string[];
  failLevel?: "error" | "warning" | "note";
  jobs?: number;
}

export interface LoadedConfig {
  /** Absolute path of the file. */
  file: string;
  /** Its directory: `include` / `exclude` are relative to it. */
  dir: string;
  config: GoHazardConfig;
}

/** A config problem: a UsageError (exit 2) whose message starts with `config <file>: `. */
export class ConfigError extends UsageError {
  override name = "ConfigError";
}

let schemaValidator: SchemaValidator | undefined;
export function configSchema(): JsonSchema {
  return JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8")) as JsonSchema;
}
function validator(): SchemaValidator {
  return (schemaValidator ??= new SchemaValidator(configSchema()));
}

/** The config file that applies to `startDir`, or null. Two names in one directory is an error. */
export function findConfigFile(startDir: string): string | null {
  let dir = path.resolve(startDir);
  for (;;) {
    const found = CONFIG_FILE_NAMES.map((n) => path.join(dir, n)).filter((f) => {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(f);
      } catch {
        return false;
      }
      // A config name that is not a file (a FIFO, a directory) is a mistake to report, not to skip.
      if (!stat.isFile()) throw new ConfigError(`config ${f}: ${kindOf(stat)}, not a regular file`);
      return true;
    });
    if (found.length > 1) {
      throw new ConfigError(`config: ${found.map((f) => path.basename(f)).join(" and ")} both exist in ${dir}; keep one`);
    }
    if (found.length === 1) return found[0]!;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  return "not a file";
}

/** YAML aliases one config may expand (the yaml package's default): a few anchors are plenty, a billion laughs is refused. */
const MAX_YAML_ALIASES = 100;

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** Reads, parses and validates one config file. */
export function loadConfigFile(file: string, ruleSet: RuleSet, displayName = file): LoadedConfig {
  const abs = path.resolve(file);
  const where = `config ${displayName}`;
  let text: string;
  try {
    // Checked first: reading a FIFO would wait forever for a writer.
    const stat = fs.statSync(abs);
    if (!stat.isFile()) throw new ConfigError(`${where}: ${kindOf(stat)}, not a regular file`);
    text = fs.readFileSync(abs, "utf8");
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${where}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let data: unknown;
  if (abs.endsWith(".json")) {
    try {
      data = text.trim() === "" ? {} : JSON.parse(text);
    } catch (err) {
      throw new ConfigError(`${where}: not valid JSON: ${oneLine((err as Error).message)}`);
    }
  } else {
    const doc = yaml().parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      const pos = e.linePos?.[0];
      const message = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      throw new ConfigError(`${where}${pos ? `:${pos.line}:${pos.col}` : ""}: not valid YAML: ${oneLine(message)}`);
    }
    try {
      data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
    } catch (err) {
      // The yaml package's only failure here is an alias expansion past the limit.
      throw new ConfigError(`${where}: not valid YAML: ${oneLine((err as Error).message)} (at most ${MAX_YAML_ALIASES} alias expansions)`);
    }
    if (data === null || data === undefined) data = {};
  }
  const problem = validator().validate(data);
  if (problem) throw new ConfigError(`${where}: ${problem.path === "" ? "" : `${problem.path}: `}${problem.message}`);
  const config = data as GoHazardConfig;

  // What the schema cannot say: rule ids must exist, globs must compile.
  const known = knownRuleIds(ruleSet);
  for (const raw of Object.keys(config.rules ?? {})) {
    const id = normalizeRuleId(raw);
    if (!known.includes(id)) {
      const hint = closest(id, known);
      throw new ConfigError(`${where}: rules.${raw}: unknown rule${hint ? ` (did you mean "${hint}"?)` : ""}; see \`go-hazard rules\``);
    }
  }
  for (const [raw, value] of Object.entries(config.rules ?? {})) {
    if (!Array.isArray(value) || value.length < 2) continue;
    const problem = ruleOptionsProblem(normalizeRuleId(raw), value.slice(1), ruleSet);
    if (problem) throw new ConfigError(`${where}: rules.${raw}: bad options: ${problem}`);
  }
  for (const key of ["include", "exclude"] as const) {
    (config[key] ?? []).forEach((g, i) => {
      try {
        pathFilter([g], []);
      } catch (err) {
        if (err instanceof GlobError) throw new ConfigError(`${where}: ${key}[${i}]: ${err.message}`);
        throw err;
      }
    });
  }
  return { file: abs, dir: path.dirname(abs), config };
}

/**
 * The config for a run: `explicit` is `--config FILE` (relative to `cwd`),
 * false for `--no-config`, undefined to search upwards from `runRoot`.
 */
export function resolveConfig(options: { explicit?: string | false | undefined; cwd: string; runRoot: string; ruleSet: RuleSet }): LoadedConfig | null {
  if (options.explicit === false) return null;
  if (typeof options.explicit === "string") {
    const abs = path.resolve(options.cwd, options.explicit);
    if (!fs.existsSync(abs)) throw new ConfigError(`config ${options.explicit}: file not found`);
    return loadConfigFile(abs, options.ruleSet, options.explicit);
  }
  const found = findConfigFile(options.runRoot);
  if (found === null) return null;
  return loadConfigFile(found, options.ruleSet, path.relative(options.runRoot, found) || path.basename(found));
}

/** The config's `rules` as settings and options, ids without the plugin prefix. */
export function configRules(config: GoHazardConfig | undefined): { settings: Record<string, RuleSetting>; options: Record<string, unknown[]> } {
  const settings: Record<string, RuleSetting> = {};
  const options: Record<string, unknown[]> = {};
  for (const [raw, value] of Object.entries(config?.rules ?? {})) {
    const id = normalizeRuleId(raw);
    if (Array.isArray(value)) {
      settings[id] = value[0];
      if (value.length > 1) options[id] = value.slice(1);
    } else {
      settings[id] = value;
    }
  }
  return { settings, options };
}

/**
 * `include` / `exclude` as a predicate over absolute file paths (relative to
 * the config file's directory), or undefined when the config has neither.
 */
export function configFileFilter(loaded: LoadedConfig | null): ((absPath: string) => boolean) | undefined {
  const c = loaded?.config;
  if (!loaded || !c || ((c.include ?? []).length === 0 && (c.exclude ?? []).length === 0)) return undefined;
  const match = pathFilter(c.include, c.exclude);
  return (absPath) => match(path.relative(loaded.dir, absPath).split(path.sep).join("/"));
}

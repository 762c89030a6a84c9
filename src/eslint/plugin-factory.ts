/**
 * Makes the go-hazard ESLint plugin for a set of rules: the Go language (its
 * `//nolint:go-hazard` expanding to those rules), the rules, and a
 * `recommended` flat config. src/eslint/plugin.ts is the plugin of the
 * standard rules; the engine makes one for whatever rule set it is given.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { GoRule } from "./rule.js";
import type { Severity } from "../report/finding.js";
import { createGoLanguage, type GoLanguage } from "./language.js";

export type EslintSeverity = "error" | "warn" | "off";

/** ESLint knows only warn and error: notes become warnings there (the go-hazard CLI keeps them notes). */
export function toEslintSeverity(s: Severity | "off"): EslintSeverity {
  return s === "off" ? "off" : s === "error" ? "error" : "warn";
}

/** The version in go-hazard's package.json (found by walking up from this module). */
export function readToolVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, "package.json");
    try {
      const pkg = JSON.parse(fs.readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "go-hazard" && typeof pkg.version === "string") return pkg.version;
    } catch {
      /* keep walking */
    }
    const parent = path.dirname(dir);
    if (parent === dir) return "0.0.0";
    dir = parent;
  }
}

export interface GoHazardFlatConfig {
  name: string;
  files: string[];
  plugins: Record<string, GoHazardPlugin>;
  language: string;
  linterOptions: { reportUnusedDisableDirectives: EslintSeverity };
  rules: Record<string, EslintSeverity>;
}

export interface GoHazardPlugin {
  meta: { name: string; version: string };
  languages: { go: GoLanguage };
  rules: Record<string, GoRule>;
  configs: { recommended: GoHazardFlatConfig };
}

export const PLUGIN_NAME = "go-hazard";

/** The plugin serving `rules`. */
export function createPlugin(rules: Readonly<Record<string, GoRule>>): GoHazardPlugin {
  const plugin: GoHazardPlugin = {
    meta: { name: PLUGIN_NAME, version: readToolVersion() },
    languages: { go: createGoLanguage(new Set(Object.keys(rules))) },
    rules: { ...rules },
    configs: {} as GoHazardPlugin["configs"],
  };
  const recommendedRules: Record<string, EslintSeverity> = {};
  for (const id of Object.keys(rules).sort()) {
    const docs = rules[id]!.meta.docs;
    if (docs.recommended) recommendedRules[`${PLUGIN_NAME}/${id}`] = toEslintSeverity(docs.defaultSeverity);
  }
  plugin.configs.recommended = {
    name: "go-hazard/recommended",
    files: ["**/*.go"],
    plugins: { [PLUGIN_NAME]: plugin },
    language: `${PLUGIN_NAME}/go`,
    // `//nolint` comments are shared with other Go linters: one that suppresses
    // nothing of ours is not worth a warning.
    linterOptions: { reportUnusedDisableDirectives: "off" },
    rules: recommendedRules,
  };
  return plugin;
}

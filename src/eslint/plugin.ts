/**
 * The go-hazard ESLint plugin: the Go language, every rule, and a
 * `recommended` flat config. Usable from any eslint.config.js:
 *
 *     import goHazard from "go-hazard";
 *     export default [goHazard.configs.recommended];
 *
 * The go-hazard CLI uses the same plugin through its own engine.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { rules } from "../../rules/index.js";
import type { GoRule } from "./rule.js";
import type { Severity } from "../report/finding.js";
import { goLanguage } from "./language.js";

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
  languages: { go: typeof goLanguage };
  rules: Record<string, GoRule>;
  configs: { recommended: GoHazardFlatConfig };
}

export const PLUGIN_NAME = "go-hazard";

const plugin: GoHazardPlugin = {
  meta: { name: PLUGIN_NAME, version: readToolVersion() },
  languages: { go: goLanguage },
  rules,
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

export default plugin;
export { plugin, goLanguage };

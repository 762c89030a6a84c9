/**
 * The go-hazard ESLint plugin: the Go language, every rule, and a
 * `recommended` flat config. Usable from any eslint.config.js:
 *
 *     import goHazard from "go-hazard";
 *     export default [goHazard.configs.recommended];
 *
 * This module is where the package's ESLint entry meets the standard rule set
 * (rules/index.ts); the go-hazard CLI composes the same rules through its own
 * engine.
 */
import { rules } from "../../rules/index.js";
import { createPlugin } from "./plugin-factory.js";

const plugin = createPlugin(rules);
const goLanguage = plugin.languages.go;

export default plugin;
export { plugin, goLanguage };
export { PLUGIN_NAME, readToolVersion, toEslintSeverity, type EslintSeverity, type GoHazardFlatConfig, type GoHazardPlugin } from "./plugin-factory.js";

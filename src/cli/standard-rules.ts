/**
 * Where the CLI takes its rules from: go-hazard's own rule set. The CLI is a
 * composition root, like the ESLint plugin's entry (src/eslint/plugin.ts) and
 * the worker threads (which import whatever set the run names).
 */
export const STANDARD_RULES_URL = new URL("../../rules/index.js", import.meta.url).href;

/**
 * Every go-hazard rule, by id. One file per rule in this directory; the
 * plugin (src/eslint/plugin.ts) registers them and builds `recommended`.
 */
import type { GoRule } from "../src/eslint/rule.js";

export const rules: Record<string, GoRule> = {};

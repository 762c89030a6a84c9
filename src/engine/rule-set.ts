/**
 * The rules a run uses, passed in rather than imported: a module that exports
 * `rules` (rule id → rule), named by URL so that worker threads can import the
 * same set. The CLI passes the standard one (rules/index.ts); tests and
 * embedders may pass any other, and rules registered nowhere run.
 */
import type { GoRule } from "../eslint/rule.js";
import { createPlugin, type GoHazardPlugin } from "../eslint/plugin-factory.js";
import { toRuleInfo } from "../eslint/rule.js";
import type { RuleInfo } from "../report/rule-info.js";

export interface RuleSet {
  /** The module it came from (what a worker thread imports). */
  readonly url: string;
  readonly rules: Readonly<Record<string, GoRule>>;
  /** The ESLint plugin serving these rules. */
  readonly plugin: GoHazardPlugin;
  readonly ids: ReadonlySet<string>;
  /** RuleInfo of every rule, sorted by id. */
  infos(): RuleInfo[];
}

/** Rule sets loaded on this thread, by URL (each module is imported once). */
const loaded = new Map<string, RuleSet>();

export async function loadRuleSet(url: string): Promise<RuleSet> {
  const have = loaded.get(url);
  if (have) return have;
  const mod = (await import(url)) as { rules?: Record<string, GoRule> };
  if (!mod.rules || typeof mod.rules !== "object") throw new Error(`rule set ${url} exports no "rules"`);
  const set = ruleSetOf(url, mod.rules);
  loaded.set(url, set);
  return set;
}

/** A rule set already loaded on this thread (the engine's synchronous paths). */
export function loadedRuleSet(url: string): RuleSet {
  const set = loaded.get(url);
  if (!set) throw new Error(`internal error: rule set ${url} was not loaded on this thread`);
  return set;
}

function ruleSetOf(url: string, rules: Record<string, GoRule>): RuleSet {
  const ids = new Set(Object.keys(rules));
  return {
    url,
    rules,
    plugin: createPlugin(rules),
    ids,
    infos: () => Object.entries(rules).map(([id, rule]) => toRuleInfo(id, rule)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

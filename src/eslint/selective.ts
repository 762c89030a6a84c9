/**
 * The plugin as the go-hazard engine hands it to ESLint: the same rules,
 * each wrapped so that the listener keys its `create` returns for a file are
 * recorded on that file's GoSourceCode. `GoSourceCode.traverse()` then yields
 * only the nodes some rule listens to (see there). Under plain ESLint the
 * plugin is used as is and every node is traversed.
 */
import type { GoHazardPlugin } from "./plugin.js";
import type { GoRule, GoRuleContext } from "./rule.js";
import { GoSourceCode } from "./source-code.js";

const wrapped = new WeakMap<GoHazardPlugin, GoHazardPlugin>();
const wrappedWithoutSchemas = new WeakMap<GoHazardPlugin, GoHazardPlugin>();

function selectiveRule(rule: GoRule, withSchema: boolean): GoRule {
  return {
    ...rule,
    // `schema: false` tells ESLint there is nothing to validate, so it never
    // loads Ajv and compiles the rules' schemas (~75 ms of every cold start).
    ...(withSchema ? {} : { meta: { ...rule.meta, schema: false } }),
    create(context: GoRuleContext) {
      const listeners = rule.create(context);
      const sourceCode: unknown = context.sourceCode;
      if (sourceCode instanceof GoSourceCode && listeners && typeof listeners === "object") {
        sourceCode.noteListeners(Object.keys(listeners));
      }
      return listeners;
    },
  };
}

/**
 * `withOptions` false: the config gives no rule any options, so the rules'
 * option schemas are dropped (ESLint's check of "no options against the
 * schema" can only pass). With options, ESLint validates them as usual.
 */
export function selectiveTraversalPlugin(plugin: GoHazardPlugin, withOptions = true): GoHazardPlugin {
  const cache = withOptions ? wrapped : wrappedWithoutSchemas;
  let out = cache.get(plugin);
  if (!out) {
    const rules: Record<string, GoRule> = {};
    for (const [id, rule] of Object.entries(plugin.rules)) rules[id] = selectiveRule(rule, withOptions);
    out = { ...plugin, rules };
    cache.set(plugin, out);
  }
  return out;
}

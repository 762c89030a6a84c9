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

function selectiveRule(rule: GoRule): GoRule {
  return {
    ...rule,
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

export function selectiveTraversalPlugin(plugin: GoHazardPlugin): GoHazardPlugin {
  let out = wrapped.get(plugin);
  if (!out) {
    const rules: Record<string, GoRule> = {};
    for (const [id, rule] of Object.entries(plugin.rules)) rules[id] = selectiveRule(rule);
    out = { ...plugin, rules };
    wrapped.set(plugin, out);
  }
  return out;
}

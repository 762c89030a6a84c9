/**
 * unbounded-map-growth: a map that lives as long as the program and only
 * ever gains keys. Nothing in the package deletes from it, clears it, or
 * replaces it, so every new key (a client address, a session id, a URL)
 * stays in memory until the process dies. The map-growth analyzer finds
 * them (which maps are long-lived, which uses bound them, which insertions
 * don't count).
 */
import { mapGrowthAnalyzer } from "../src/analysis/map-growth.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import { createRule } from "../src/eslint/rule-kit.js";
import { spanOf } from "../src/ir/syntax.js";

export const unboundedMapGrowth = createRule({
  name: "unbounded-map-growth",
  meta: {
    type: "suggestion",
    docs: {
      description: "A long-lived map only ever gains keys: nothing deletes from it, clears it or replaces it.",
      checklist: ["DP-8"],
      cwe: [401, 770],
      category: "robustness",
      defaultSeverity: "warning",
      precision: "medium",
      recommended: true,
    },
    messages: {
      grows:
        "Map {{name}} only grows: keys are added here and never removed. {{life}}, and nothing in the package deletes from it, clears it or replaces it. {{weight}} Bound it: delete entries when they are done, expire them (TTL), cap the size, or use an LRU cache.",
    },
    schema: [],
  },
  requires: { mapGrowth: mapGrowthAnalyzer },
  create(context, results, { file }) {
    return {
      source_file() {
        for (const g of results.mapGrowth.growing) {
          if (g.file !== file) continue;
          reportWithEvidence(
            context,
            { node: g.site, messageId: "grows", data: { name: g.name, life: g.life, weight: g.weight } },
            {
              related: g.decl ? [{ ...spanOf(g.decl.node, g.decl.file), message: `${g.name} is declared here` }] : [],
              fingerprintParts: [g.id, "grows"],
              object: g.name,
            },
          );
        }
      },
    };
  },
});

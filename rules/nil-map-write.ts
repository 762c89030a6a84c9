/**
 * nil-map-write: a store into a map that is provably never initialized.
 * Writing to a nil map panics ("assignment to entry in nil map"). The map-init
 * analyzer proves which maps are nil where they are written; this rule says
 * why and how to fix it.
 */
import { mapInitAnalyzer, type NilMap } from "../src/analysis/map-init.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import { createRule } from "../src/eslint/rule-kit.js";
import { spanOf } from "../src/ir/syntax.js";
import { typeString } from "../src/ir/type-expr.js";
import type { GoNode } from "../src/parse/node.js";
import { shortText } from "../src/ir/syntax.js";

export const nilMapWrite = createRule({
  name: "nil-map-write",
  meta: {
    type: "problem",
    docs: {
      description: "A map that is never initialized is written to; a write to a nil map panics.",
      checklist: ["DP-7"],
      cwe: [476],
      category: "robustness",
      defaultSeverity: "error",
      precision: "high",
      securitySeverity: "5.3",
      recommended: true,
    },
    messages: {
      nilWrite:
        "Write to nil map {{name}} panics. {{reason}}: `{{write}}` panics with \"assignment to entry in nil map\". Initialize the map before writing to it: {{fix}}.",
    },
    schema: [],
  },
  requires: { mapInit: mapInitAnalyzer },
  create(context, results, { file }) {
    return {
      source_file() {
        const here = file.file.relPath;
        for (const w of results.mapInit.writes) {
          if (w.file.file.relPath !== here) continue;
          const why = explain(w.map);
          reportWithEvidence(
            context,
            { node: w.node, messageId: "nilWrite", data: { name: w.name, reason: why.reason, write: shortText(w.node, 60, "..."), fix: why.fix } },
            { related: [{ ...spanOf(why.decl, w.map.file), message: why.declMessage }], fingerprintParts: [w.name, "nil-write"], object: w.name },
          );
        }
      },
    };
  },
});

/** Why the map is nil (continues "… is nil: "), where that is decided, and how to fix it. */
function explain(m: NilMap): { reason: string; decl: GoNode; declMessage: string; fix: string } {
  switch (m.kind) {
    case "global":
      return {
        reason: `Package-level variable ${m.name} is declared without a value and nothing in the package assigns it`,
        decl: m.decl,
        declMessage: `${m.name} is declared here (nil)`,
        fix: `declare it as \`var ${m.name} = make(${typeString(m.type)})\` or assign it in init`,
      };
    case "local":
    case "result":
      return {
        reason:
          m.kind === "result"
            ? `Named result ${m.name} starts as nil and nothing assigns it before this write`
            : `${m.name} is declared on line ${m.decl.loc.start.line} without a value and nothing assigns it before this write`,
        decl: m.decl,
        declMessage: `${m.name} is declared here (nil)`,
        fix: `\`${m.name} = make(${typeString(m.type)})\` before the first write`,
      };
    case "omitted-field": {
      const f = m.field.name;
      return {
        reason: `${m.variable} is built on line ${m.built.loc.start.line} ${m.how} without ${f}, and nothing sets ${m.variable}.${f} before this write`,
        decl: m.built,
        declMessage: `${m.variable} is built here without ${f}`,
        fix: `add \`${f}: make(${typeString(m.field.type)})\` to the literal, or build it with the package's constructor`,
      };
    }
    case "unset-field": {
      const f = m.field.name;
      return {
        reason: `No code in the package sets field ${m.typeName}.${f} (no make, map literal, keyed literal or assignment), so it is nil in every ${m.typeName}`,
        decl: m.field.node,
        declMessage: `field ${f} is declared here and never initialized`,
        fix: `make it where ${m.typeName} values are built (\`${f}: make(${typeString(m.field.type)})\`), or lazily (\`if x.${f} == nil { x.${f} = make(...) }\`)`,
      };
    }
  }
}

/** The write as one line of at most 60 characters (the message has always cut it with "..."). */

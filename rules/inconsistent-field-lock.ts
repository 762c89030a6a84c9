/**
 * inconsistent-field-lock: a map or slice field of a struct that the struct's
 * own code accesses with a mutex held almost everywhere, and without it here
 * (the field-locks analyzer says which, and why).
 */
import { fieldLocksAnalyzer } from "../src/analysis/field-locks.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import { createRule } from "../src/eslint/rule-kit.js";
import { verb } from "./util/race.js";

export const inconsistentFieldLock = createRule({
  name: "inconsistent-field-lock",
  meta: {
    type: "problem",
    docs: {
      description: "A struct field is accessed without the mutex that guards it everywhere else.",
      checklist: ["DP-1"],
      cwe: [362, 820],
      category: "concurrency",
      defaultSeverity: "warning",
      precision: "high",
      securitySeverity: "5.9",
      recommended: true,
    },
    messages: {
      inconsistent:
        "{{object}} is {{verb}} without {{lock}}, which is held around it in {{protected}} of the {{total}} methods and goroutines that use it. {{how}}. {{shared}}; unguarded, this access can race with the guarded ones ({{consequence}}). Take {{lock}} here too, or, if every caller already holds it, say so by naming the function ...Locked.",
    },
    schema: [],
  },
  requires: { fieldLocks: fieldLocksAnalyzer },
  create(context, results, { ir, file }) {
    return {
      source_file() {
        // Cheap exit: only packages with methods can hold such accesses.
        if (!ir.methods.size) return;
        const here = file.file.relPath;
        for (const f of results.fieldLocks.findings) {
          if (f.site.span.file !== here) continue;
          const a = f.site;
          reportWithEvidence(
            context,
            {
              node: a.node,
              messageId: "inconsistent",
              data: { object: f.object, verb: verb(a), lock: f.lock, protected: f.protected.length, total: f.total, how: f.how, shared: f.shared, consequence: f.consequence },
            },
            {
              related: f.protected.slice(0, 3).map((p) => ({ ...p.span, message: `${f.object} ${verb(p)} with ${f.lock} held (${p.root})` })),
              fingerprintParts: [f.object, a.kind, a.function, f.lock],
              function: a.function,
              object: f.object,
            },
          );
        }
      },
    };
  },
});

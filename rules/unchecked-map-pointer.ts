/**
 * unchecked-map-pointer: a pointer read from a map is dereferenced with no
 * check that it is there, under a key that comes from outside the package
 * (the map-pointers analyzer finds them: the guards it accepts and the key
 * origins it follows are described there). A missing key gives a nil pointer,
 * and the dereference crashes with SIGSEGV.
 */
import { mapPointersAnalyzer } from "../src/analysis/map-pointers.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import { createRule } from "../src/eslint/rule-kit.js";
import { spanOf } from "../src/ir/syntax.js";
import { typeString } from "../src/ir/type-expr.js";
import { shortText } from "../src/ir/syntax.js";

export const uncheckedMapPointer = createRule({
  name: "unchecked-map-pointer",
  meta: {
    type: "problem",
    docs: {
      description: "A pointer read from a map is dereferenced without checking that the key was present and the pointer is not nil.",
      checklist: ["DP-6"],
      cwe: [476],
      category: "memory-safety",
      defaultSeverity: "warning",
      precision: "high",
      securitySeverity: "5.3",
      recommended: true,
    },
    messages: {
      direct:
        "Pointer read from map {{map}} is dereferenced without a nil check: `{{expr}}`. A missing key (or a stored nil) gives a nil {{valueType}}, and dereferencing it panics (SIGSEGV, invalid memory address or nil pointer dereference). Check it first: `p, ok := {{lookup}}; if !ok || p == nil { ... }`.",
      variable:
        "Pointer {{name}}, read from map {{map}} on line {{line}}, is dereferenced without a nil check: `{{expr}}`. A missing key (or a stored nil) gives a nil {{valueType}}, and dereferencing it panics (SIGSEGV, invalid memory address or nil pointer dereference). Check it first: `{{name}}, ok := {{lookup}}; if !ok || {{name}} == nil { ... }`.",
    },
    schema: [],
  },
  requires: { mapPointers: mapPointersAnalyzer },
  create(context, results, { file }) {
    return {
      source_file() {
        const here = file.file.relPath;
        for (const d of results.mapPointers.derefs) {
          if (d.file.file.relPath !== here) continue;
          const kind = d.variable === null ? "direct" : "variable";
          const related = d.variable === null ? [] : [{ ...spanOf(d.lookup, d.file), message: `${d.variable} is read from ${d.map} here` }];
          reportWithEvidence(
            context,
            {
              node: d.node,
              messageId: kind,
              data: {
                map: d.map,
                expr: shortText(d.node, 60, "..."),
                valueType: typeString(d.valueType),
                lookup: d.lookup.text.replace(/\s+/g, ""),
                name: d.variable ?? "",
                line: d.variable === null ? 0 : d.lookup.loc.start.line,
              },
            },
            { related, fingerprintParts: [d.map, kind], object: d.map },
          );
        }
      },
    };
  },
});

/** The dereference as one line of at most 60 characters. */

/**
 * unsafe-slice-header: slices and pointers made by hand with `unsafe`
 * (reflect.SliceHeader/StringHeader literals and field writes, unsafe.Slice,
 * unsafe.String and unsafe.Add past the end of their source, writes through
 * uintptr arithmetic); the unsafe-headers analyzer finds them.
 */
import { unsafeHeadersAnalyzer, type UnsafeHazard } from "../src/analysis/unsafe-headers.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import { createRule } from "../src/eslint/rule-kit.js";
import type { GoRuleContext } from "../src/eslint/rule.js";
import type { FileIR } from "../src/ir/types.js";
import { shortText, spanOf, within } from "../src/ir/syntax.js";

export const unsafeSliceHeader = createRule({
  name: "unsafe-slice-header",
  meta: {
    type: "problem",
    docs: {
      description: "A slice header or pointer is made by hand with unsafe: reflect.SliceHeader literals or field writes, unsafe.Slice past the source's end, writes through uintptr arithmetic.",
      checklist: ["DP-9"],
      cwe: [787, 119],
      category: "memory-safety",
      defaultSeverity: "error",
      precision: "high",
      // An out-of-bounds write through a forged header or pointer is memory corruption.
      securitySeverity: "8.1",
      recommended: true,
    },
    messages: {
      literal:
        "Hand-built reflect.{{type}}: {{text}} makes a {{what}} header from plain integers. Its Data field is a uintptr the garbage collector does not see, so the memory it names can be freed or reused while the header still points at it, and nothing checks Len against the allocation. Build the value from a real pointer instead: {{fix}}.",
      fieldWrite:
        "Write to reflect.{{type}} field{{plural}} {{fields}} of {{header}}. Setting Data, Len or Cap by hand forges a {{what}} header: a Len or Cap beyond the allocation lets later code read and write past it, and Data is a uintptr the garbage collector does not track. Use {{fix}} with n within the allocation.",
      sliceOverflow:
        "{{call}} reaches past the end of {{base}}: it spans {{n}} elements from index {{start}}, where {{base}} has {{avail}}. The result covers memory that belongs to something else: reading it leaks data, writing it corrupts the heap. Keep the length within the source ({{fix}}).",
      addOverflow:
        "{{call}} points {{off}} bytes into {{base}}, which is only {{size}} bytes long. The pointer is outside the object: reading through it leaks neighbouring memory, writing through it corrupts it. Check the offset against the object's size first.",
      arithWrite:
        "Write through a pointer computed with uintptr arithmetic: {{target}}. {{expr}} turns an integer back into a pointer: nothing checks the offset stays inside the object, and a uintptr kept in a variable is not a reference, so the garbage collector neither keeps the object alive nor updates the address. Index a slice (unsafe.Slice(p, n)[i], bounds-checked) or use unsafe.Add with an offset checked against the object's size.",
    },
    schema: [],
  },
  requires: { unsafeHeaders: unsafeHeadersAnalyzer },
  create(context, results, { file }) {
    return {
      source_file() {
        for (const h of results.unsafeHeaders.inFile(file)) report(context, file, h);
      },
    };
  },
});

function report(context: GoRuleContext, file: FileIR, h: UnsafeHazard): void {
  switch (h.kind) {
    case "literal": {
      const slice = h.header === "SliceHeader";
      const node = h.node;
      context.report({
        node,
        messageId: "literal",
        data: {
          type: h.header,
          text: node.loc.start.line === node.loc.end.line ? shortText(node) : `${shortText(node.field("type")!)}{...}`,
          what: slice ? "slice" : "string",
          fix: slice ? "unsafe.Slice(ptr, n) (Go 1.17+)" : "unsafe.String(ptr, n) (Go 1.20+)",
        },
      });
      return;
    }
    case "fieldWrite": {
      const slice = h.type === "SliceHeader";
      const data = {
        type: h.type,
        header: h.header,
        fields: h.fields.join(", "),
        plural: h.fields.length > 1 ? "s" : "",
        what: slice ? "slice" : "string",
        fix: slice ? "unsafe.Slice(ptr, n)" : "unsafe.String(ptr, n)",
      };
      if (!h.variable) {
        context.report({ node: h.node, messageId: "fieldWrite", data });
        return;
      }
      const related = [
        ...h.otherWrites.map((w) => ({ ...spanOf(w, file), message: `${shortText(w)} is written here too` })),
        ...(h.init ? [{ ...spanOf(h.init, file), message: `${h.header} is ${shortText(h.init)}` }] : []),
      ];
      reportWithEvidence(context, { node: h.node, messageId: "fieldWrite", data }, { related, object: h.header, fingerprintParts: [h.header, h.fields.join(",")] });
      return;
    }
    case "sliceOverflow": {
      const fix = h.call === "Slice" ? `unsafe.Slice(&${h.base}[0], len(${h.base})), or simply ${h.base}[:n] with n <= cap(${h.base})` : `unsafe.String(&${h.base}[0], len(${h.base}))`;
      context.report({ node: h.node, messageId: "sliceOverflow", data: { call: shortText(h.node), base: h.base, n: h.length, start: h.start, avail: h.available, fix } });
      return;
    }
    case "addOverflow":
      context.report({ node: h.node, messageId: "addOverflow", data: { call: shortText(h.node), off: h.offset, base: h.base, size: h.size } });
      return;
    case "arithWrite": {
      const { node: lhs, pointer } = h;
      // The pointer's own expression needs no second location when it is part of the target.
      const related = within(pointer, lhs) ? [] : [{ ...spanOf(pointer, file), message: `the pointer is computed here: ${shortText(pointer)}` }];
      reportWithEvidence(
        context,
        { node: lhs, messageId: "arithWrite", data: { target: shortText(h.statement, 80), expr: shortText(pointer, 80) } },
        { related, fingerprintParts: [shortText(lhs)] },
      );
    }
  }
}

/**
 * cgo-slice-header: a C function gets a pointer to a Go slice header instead
 * of the slice's data, or C memory from C.CString/C.CBytes/C.malloc/C.calloc
 * is never freed (files that `import "C"` only); the cgo-memory analyzer
 * finds them.
 */
import { cgoMemoryAnalyzer, type CgoHazard } from "../src/analysis/cgo-memory.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import { createRule } from "../src/eslint/rule-kit.js";
import type { GoRuleContext } from "../src/eslint/rule.js";
import type { FileIR } from "../src/ir/types.js";
import { shortText, spanOf } from "../src/ir/syntax.js";

export const cgoSliceHeader = createRule({
  name: "cgo-slice-header",
  meta: {
    type: "problem",
    docs: {
      description: "cgo gets a Go slice header (&b, *[]byte) instead of the data, or C memory from C.CString/C.CBytes/C.malloc is never freed.",
      checklist: ["DP-10"],
      cwe: [119, 401],
      category: "memory-safety",
      defaultSeverity: "error",
      precision: "high",
      recommended: true,
    },
    messages: {
      header:
        "C.{{fn}} receives {{expr}}, a pointer to the Go slice header of {{slice}}, not to its bytes. C reads the header's {data pointer, len, cap} words as if they were the data, and writes through it corrupt the header; with cgo's pointer checks on, the call panics (\"cgo argument has Go pointer to unpinned Go pointer\"). Pass the data and the length: (*C.uchar)(unsafe.Pointer(&{{slice}}[0])) or unsafe.SliceData({{slice}}), with C.size_t(len({{slice}})).",
      leak:
        "C memory from {{alloc}} in {{func}} is never freed: {{name}} is not passed to C.free, returned or stored anywhere. The Go garbage collector does not manage C allocations, so every call leaks {{what}}. Free it when done: defer C.free(unsafe.Pointer({{name}})) right after the allocation.",
      leakDirect:
        "C memory from {{alloc}} is passed straight to C.{{fn}} and never freed. The Go garbage collector does not manage C allocations and no variable keeps the pointer, so every call leaks {{what}}. Keep it in a variable and free it: p := {{alloc}}; defer C.free(unsafe.Pointer(p)).",
    },
    schema: [],
  },
  requires: { cgoMemory: cgoMemoryAnalyzer },
  create(context, results, { file }) {
    return {
      source_file() {
        for (const h of results.cgoMemory.inFile(file)) report(context, file, h);
      },
    };
  },
});

function report(context: GoRuleContext, file: FileIR, h: CgoHazard): void {
  switch (h.kind) {
    case "header": {
      const related = h.via ? [{ ...spanOf(h.via, file), message: `${shortText(h.via)}: the header pointer is taken here` }] : [];
      reportWithEvidence(
        context,
        { node: h.node, messageId: "header", data: { fn: h.fn, expr: shortText(h.node), slice: h.slice } },
        { related, object: h.slice, fingerprintParts: [h.fn, h.slice] },
      );
      return;
    }
    case "leak": {
      const fn = h.function;
      const name = h.variable.name;
      const related = h.declaration ? [{ ...spanOf(h.declaration, file), message: `${name} is declared here` }] : [];
      reportWithEvidence(
        context,
        { node: h.node, messageId: "leak", data: { alloc: shortText(h.node), func: fn.type === "func_literal" ? "this function literal" : fn.field("name")?.text ?? "this function", name, what: copied(h.allocator) } },
        { related, object: name, fingerprintParts: [h.allocator, name] },
      );
      return;
    }
    case "leakDirect":
      context.report({ node: h.node, messageId: "leakDirect", data: { alloc: shortText(h.node), fn: h.callee, what: copied(h.allocator) } });
  }
}

/** What an allocation by C.`allocator` holds. */
function copied(allocator: string): string {
  return allocator === "CString" ? "the string's copy" : allocator === "CBytes" ? "the bytes' copy" : "the block";
}

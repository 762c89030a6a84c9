/**
 * The input-sizes analyzer: allocations sized by input that was never
 * checked against a maximum. `make([]byte, n)` with `n` from a length prefix,
 * a request parameter or a decoded field lets one message ask for gigabytes.
 *
 * Allocations: `make([]T, n)`, `make([]T, 0, n)`, `make(map[K]V, n)`,
 * `make(chan T, n)` (so also `bytes.NewBuffer(make(...))` and
 * `io.ReadFull(r, make([]byte, n))`), `buf.Grow(n)`, `slices.Grow(s, n)`,
 * `strings.Repeat(s, n)`, `bytes.Repeat(b, n)`, in the declared functions of
 * the package (function literals inside them included). What input is:
 * src/analysis/base/outside-input.ts, followed through locals by origins.ts;
 * what bounds it: bounds.ts and taint.ts. `_test.go` files are skipped:
 * attackers don't reach tests.
 */
import { args, enclosingDecl, shortText, unparen } from "../../ir/syntax.js";
import type { FileIR } from "../../ir/types.js";
import type { GoNode } from "../../parse/node.js";
import { defineAnalyzer } from "../framework.js";
import { inspectAnalyzer } from "../base/inspect.js";
import { noReturnAnalyzer } from "../base/noreturn.js";
import { type SourceEnv } from "../base/outside-input.js";
import { scopesAnalyzer } from "../base/scopes.js";
import type { InputOrigin } from "./locals.js";
import { SizeTaints } from "./taint.js";
import { importedCall, isBuiltinCall } from "../../ir/names.js";

export type { InputOrigin } from "./locals.js";

/** An allocation whose size carries unchecked input. */
export interface UnboundedAllocation {
  file: FileIR;
  /** The allocating call. */
  call: GoNode;
  /** How messages name the allocation: `make([]byte, ...)`, `buf.Grow`, `strings.Repeat`. */
  sink: string;
  /** The size argument that carries the input (the first such, when there are several). */
  size: GoNode;
  /** Where the input was read. */
  origin: InputOrigin;
  /** The expression inside the size that carries it (`n` in `int(n)*2 + 4`). */
  leaf: GoNode;
}

export interface InputSizes {
  /** In package order: files, then source order. */
  unbounded: readonly UnboundedAllocation[];
}

export const inputSizesAnalyzer = defineAnalyzer<InputSizes>({
  name: "input-sizes",
  doc: `Allocations (make, Grow, Repeat) sized by input that no upper bound checks first.

Per declared function: each allocation's size is followed through locals,
conversions and arithmetic to a read of outside input (length prefixes,
varints, decoders, numbers parsed from requests or lines read off a reader);
a comparison with a maximum that leaves or clamps, min, %, & and narrow
types bound it.`,
  requires: [inspectAnalyzer, scopesAnalyzer, noReturnAnalyzer],
  run(pass) {
    const inspect = pass.resultOf(inspectAnalyzer);
    const scopes = pass.resultOf(scopesAnalyzer);
    const noReturn = pass.resultOf(noReturnAnalyzer);
    const unbounded: UnboundedAllocation[] = [];
    for (const file of pass.ir.files) {
      if (file.file.isTest) continue;
      const env: SourceEnv = { ir: pass.ir, file, scopes: scopes.of(file) };
      const byDecl = new Map<GoNode, Sink[]>();
      for (const call of inspect.inFile(file, "call_expression")) {
        const decl = enclosingDecl(call);
        if (!decl?.field("body")) continue;
        const sink = sinkOf(env, call);
        if (!sink) continue;
        const list = byDecl.get(decl);
        if (list) list.push(sink);
        else byDecl.set(decl, [sink]);
      }
      for (const sinks of byDecl.values()) {
        // One taint engine per function: its memos are the function's locals.
        const sizes = new SizeTaints(env, noReturn);
        for (const s of sinks) {
          for (const size of s.sizes) {
            const t = sizes.sizeTaint(size, s.call);
            if (!t) continue;
            unbounded.push({ file, call: s.call, sink: s.name, size, origin: t.origin, leaf: t.leaf });
            break;
          }
        }
      }
    }
    return { unbounded };
  },
  toJSON: (r) => ({
    unbounded: r.unbounded.map((u) => `${position(u.file, u.call)} ${u.sink} sized by ${shortText(u.size, 50)} from ${u.origin.desc} at ${position(u.file, u.origin.node)}`),
  }),
});

function position(file: FileIR, node: GoNode): string {
  return `${file.file.relPath}:${node.loc.start.line}:${node.loc.start.column + 1}`;
}

interface Sink {
  call: GoNode;
  sizes: GoNode[];
  name: string;
}

function sinkOf(env: SourceEnv, call: GoNode): Sink | null {
  const a = args(call);
  if (isBuiltinCall(env, call, "make")) {
    if (a.length < 2) return null;
    return { call, sizes: a.slice(1), name: `make(${shortText(a[0]!, 30)}, ...)` };
  }
  for (const pkg of ["strings", "bytes"]) {
    if (importedCall(env, call, pkg) === "Repeat" && a.length === 2) return { call, sizes: [a[1]!], name: `${pkg}.Repeat` };
  }
  if (importedCall(env, call, "slices") === "Grow" && a.length === 2) return { call, sizes: [a[1]!], name: "slices.Grow" };
  const fn = unparen(call.field("function"));
  if (fn?.type === "selector_expression" && fn.field("field")?.text === "Grow" && a.length === 1) {
    const op = unparen(fn.field("operand"));
    if (op?.type === "identifier" && !env.scopes.resolve(op) && env.file.imports.has(op.text)) return null;
    return { call, sizes: [a[0]!], name: shortText(fn, 40) };
  }
  return null;
}

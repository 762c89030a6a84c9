/**
 * The cgo-memory analyzer (files that `import "C"` only):
 *
 *   - a C function receives a pointer to a Go slice header instead of the
 *     slice's data: `&b`, `unsafe.Pointer(&b)`, a `*[]byte` (also `m[k]` of a
 *     `map[string]*[]byte`), through conversions and `unsafe.Pointer`, or a
 *     local assigned only such a pointer where it is declared;
 *   - C memory from `C.CString`, `C.CBytes`, `C.malloc` or `C.calloc` that the
 *     function neither frees (`C.free`, directly or deferred, also in a
 *     closure), nor returns, nor stores somewhere else (a field, a global, a
 *     map, another variable, a Go function's argument): freeing it is then
 *     nobody's job. An allocation passed straight to a C function is never
 *     freed either.
 *
 * `(*C.uchar)(unsafe.Pointer(&b[0]))` with `C.size_t(len(b))` and
 * `unsafe.SliceData(b)` pass the data and are not hazards.
 */
import type { GoNode } from "../parse/node.js";
import type { LocalVar } from "../ir/scopes.js";
import type { FileIR, GoType } from "../ir/types.js";
import { initializerOf } from "../ir/consts.js";
import { args, enclosingFunc, spanOf, unparen } from "../ir/syntax.js";
import { defineAnalyzer } from "./framework.js";
import { inspectAnalyzer } from "./base/inspect.js";
import { scopesAnalyzer } from "./base/scopes.js";
import { conversion, typeOf, uintptrArg, unsafePointerArg } from "./unsafe-syntax.js";
import { importedName, type SyntaxEnv } from "../ir/names.js";

export type CgoHazard =
  /** `node`, an argument of C.`fn`, points at the slice header of `slice` (`via`: the local's initializer it came through). */
  | { kind: "header"; node: GoNode; fn: string; slice: string; via: GoNode | null }
  /**
   * An allocation (`node`, by C.`allocator`) kept in `variable` and never freed,
   * returned or stored in `function`; `declaration` is where the variable is
   * declared when that is not the assignment of the allocation.
   */
  | { kind: "leak"; node: GoNode; allocator: string; function: GoNode; variable: LocalVar; declaration: GoNode | null }
  /** An allocation passed straight to C.`callee`. */
  | { kind: "leakDirect"; node: GoNode; allocator: string; callee: string };

export interface CgoMemory {
  /** The hazards of one file, in source order. */
  inFile(file: FileIR): readonly CgoHazard[];
}

const ALLOCATORS: ReadonlySet<string> = new Set(["CString", "CBytes", "malloc", "calloc"]);

export const cgoMemoryAnalyzer = defineAnalyzer<CgoMemory>({
  name: "cgo-memory",
  doc: `Go slice headers passed to C functions, and C allocations that are never freed.

Per file that imports "C": the arguments of each C call, through conversions,
unsafe.Pointer and locals assigned once, that are &s of a slice or a *[]T; and
each C.CString/C.CBytes/C.malloc/C.calloc whose variable no use frees (C.free),
returns, stores or hands to a Go function, or that goes straight to a C call.`,
  requires: [inspectAnalyzer, scopesAnalyzer],
  run(pass) {
    const inspect = pass.resultOf(inspectAnalyzer);
    const scopes = pass.resultOf(scopesAnalyzer);
    const byFile = new Map<FileIR, CgoHazard[]>();
    for (const file of pass.ir.files) {
      if (file.imports.get("C") !== "C") continue;
      const env: SyntaxEnv = { ir: pass.ir, file, scopes: scopes.of(file) };
      const found: CgoHazard[] = [];
      for (const call of inspect.inFile(file, "call_expression")) {
        const fn = cFunction(env, call);
        if (!fn) continue;
        if (ALLOCATORS.has(fn)) {
          const leak = allocationLeak(env, call, fn);
          if (leak) found.push(leak);
        }
        if (fn === "free") continue;
        for (const a of args(call)) {
          const hit = headerPointer(env, a);
          if (hit) found.push({ kind: "header", node: a, fn, slice: hit.slice, via: hit.via ?? null });
        }
      }
      byFile.set(file, found);
    }
    return { inFile: (file) => byFile.get(file) ?? [] };
  },
  toJSON: (result, pass) => pass.ir.files.flatMap((file) => result.inFile(file).map((h) => describe(h, file))),
});

/** A hazard as `go-hazard facts` prints it: position, kind, what. */
function describe(h: CgoHazard, file: FileIR): string {
  const s = spanOf(h.node, file);
  const at = `${s.file}:${s.line}:${s.column}`;
  switch (h.kind) {
    case "header":
      return `${at} header of ${h.slice} to C.${h.fn}`;
    case "leak":
      return `${at} leak C.${h.allocator} in ${h.variable.name}`;
    case "leakDirect":
      return `${at} leak C.${h.allocator} straight to C.${h.callee}`;
  }
}

/** `C.name(...)`: name. */
function cFunction(env: SyntaxEnv, call: GoNode): string | null {
  return importedName(env, call.field("function"), "C");
}

/** Strips what doesn't change the address: parentheses, `(*T)(x)`, `unsafe.Pointer(x)`, `uintptr(x)`, `C.T(x)`. */
function stripWrappers(env: SyntaxEnv, expr: GoNode | undefined): GoNode | undefined {
  let n = unparen(expr);
  for (let i = 0; n && i < 8; i++) {
    const conv = conversion(n);
    const next =
      conv?.operand ??
      unsafePointerArg(env, n) ??
      uintptrArg(env, n) ??
      (n.type === "call_expression" && importedName(env, n.field("function"), "C") !== null && args(n).length === 1 && !ALLOCATORS.has(importedName(env, n.field("function"), "C")!) ? args(n)[0] : undefined);
    if (!next) break;
    n = unparen(next);
  }
  return n;
}

/** A pointer to a slice header reaching a C argument: `&b` of a slice, a `*[]T` value, or a local holding one. */
function headerPointer(env: SyntaxEnv, arg: GoNode, depth = 0): { slice: string; via?: GoNode } | null {
  const n = stripWrappers(env, arg);
  if (!n || depth > 3) return null;
  if (n.type === "unary_expression" && n.field("operator")?.text === "&") {
    const op = unparen(n.field("operand"));
    if (op && typeOf(env, op).k === "slice") return { slice: op.text };
    return null;
  }
  const t = typeOf(env, n);
  if (t.k === "ptr" && underSlice(env, t.elem)) return { slice: `(*${n.text})` };
  if (n.type === "identifier") {
    const v = env.scopes.resolve(n);
    const init = v ? initializerOf(v) : null;
    if (init && v && isOnlyAssignment(env, v)) {
      const inner = headerPointer(env, init, depth + 1);
      if (inner) return { slice: inner.slice, via: init };
    }
  }
  return null;
}

function underSlice(env: SyntaxEnv, t: GoType): boolean {
  if (t.k === "slice") return true;
  if (t.k === "named" && t.pkg === null) {
    const decl = env.ir.types.get(t.name);
    return decl?.type.k === "slice";
  }
  return false;
}

/** The local is assigned only where it is declared. */
function isOnlyAssignment(env: SyntaxEnv, v: LocalVar): boolean {
  if (!enclosingFunc(v.decl)) return false;
  return env.scopes.uses(v).every((id) => id === v.decl || useContext(env, id).kind !== "assigned");
}

type UseContext =
  | { kind: "assigned" } //             the identifier is written
  | { kind: "value"; stmt: GoNode; lhs: GoNode | null } // right-hand side of an assignment / declaration
  | { kind: "arg"; call: GoNode } //     argument of a call
  | { kind: "return" }
  | { kind: "element" } //               composite literal element, send, other storing positions
  | { kind: "other" };

/** Where a value ends up, climbing through the wrappers that keep it the same pointer. */
function useContext(env: SyntaxEnv, node: GoNode): UseContext {
  let n = node;
  for (let i = 0; i < 10 && n.parent; i++) {
    const p: GoNode = n.parent;
    if (p.type === "parenthesized_expression") {
      n = p;
      continue;
    }
    if (p.type === "type_conversion_expression" && p.field("operand") === n) {
      n = p;
      continue;
    }
    if (p.type === "argument_list") {
      const call = p.parent!;
      // Conversions and unsafe.Pointer keep the address: look further out.
      if (conversion(call) || unsafePointerArg(env, call) || uintptrArg(env, call)) {
        n = call;
        continue;
      }
      const cf = cFunction(env, call);
      if (cf && !ALLOCATORS.has(cf) && cf !== "free" && args(call).length === 1 && /^[a-z]/.test(cf) && cf.endsWith("_t")) {
        n = call; // C.uintptr_t(x) and friends
        continue;
      }
      return { kind: "arg", call };
    }
    if (p.type === "expression_list") {
      const stmt = p.parent!;
      if ((stmt.type === "assignment_statement" || stmt.type === "short_var_declaration") && stmt.field("left") === p) return { kind: "assigned" };
      if (stmt.type === "assignment_statement" || stmt.type === "short_var_declaration") {
        const left = stmt.field("left")?.children ?? [];
        const i2 = p.children.indexOf(n);
        return { kind: "value", stmt, lhs: left.length === p.children.length ? left[i2] ?? null : null };
      }
      if (stmt.type === "var_spec") {
        const names = stmt.fieldAll("name");
        const i2 = p.children.indexOf(n);
        return { kind: "value", stmt, lhs: names.length === p.children.length ? names[i2] ?? null : null };
      }
      if (stmt.type === "return_statement") return { kind: "return" };
      return { kind: "other" };
    }
    if (p.type === "return_statement") return { kind: "return" };
    if (p.type === "literal_element" || p.type === "keyed_element" || p.type === "send_statement") return { kind: "element" };
    if (p.type === "inc_statement" || p.type === "dec_statement") return { kind: "assigned" };
    if (p.type === "unary_expression" && p.field("operator")?.text === "&") return { kind: "element" }; // &p: anything may happen
    if (p.type === "range_clause" || p.type === "receive_statement") return { kind: "assigned" };
    return { kind: "other" };
  }
  return { kind: "other" };
}

/** The allocation `alloc` (a call of C.`allocator`) as a leak, or null when something frees it or might. */
function allocationLeak(env: SyntaxEnv, alloc: GoNode, allocator: string): CgoHazard | null {
  const fnNode = enclosingFunc(alloc);
  if (!fnNode) return null; // package-level: lives as long as the program
  const ctx = useContext(env, alloc);
  if (ctx.kind === "arg") {
    const callee = cFunction(env, ctx.call);
    if (!callee || callee === "free" || ALLOCATORS.has(callee)) return null;
    return { kind: "leakDirect", node: alloc, allocator, callee };
  }
  if (ctx.kind !== "value" || !ctx.lhs) return null;
  const lhs = unparen(ctx.lhs);
  if (lhs?.type !== "identifier") return null; // a field, a map entry, a global: someone else's job
  const v = env.scopes.resolve(lhs);
  if (!v || v.kind !== "var" || !enclosingFunc(v.decl)) return null;
  // Any use that frees it, returns it or lets it go elsewhere ends the search.
  for (const id of env.scopes.uses(v)) {
    if (id === lhs || id === v.decl) continue;
    const use = useContext(env, id);
    switch (use.kind) {
      case "arg": {
        const callee = cFunction(env, use.call);
        if (callee && callee !== "free") continue; // C functions borrow it
        return null; // C.free frees it; a Go function may free or keep it
      }
      case "return":
      case "element":
      case "value": // cs2 := cs, s.p = cs, m[k] = cs: stored elsewhere.
        return null;
      case "assigned":
      case "other":
        continue;
    }
  }
  return { kind: "leak", node: alloc, allocator, function: fnNode, variable: v, declaration: lhs === v.decl ? null : v.decl };
}

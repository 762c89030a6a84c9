/**
 * cgo-slice-header (files that `import "C"` only):
 *
 *   - a C function receives a pointer to a Go slice header instead of the
 *     slice's data: `&b`, `unsafe.Pointer(&b)`, a `*[]byte` (also `m[k]` of a
 *     `map[string]*[]byte`), through conversions and `unsafe.Pointer`;
 *   - C memory from `C.CString`, `C.CBytes`, `C.malloc` or `C.calloc` that the
 *     function neither frees (`C.free`, directly or deferred, also in a
 *     closure), nor returns, nor stores somewhere else (a field, a global, a
 *     map, another variable, a Go function's argument): freeing it is then
 *     nobody's job. An allocation passed straight to a C function is never
 *     freed either.
 *
 * `(*C.uchar)(unsafe.Pointer(&b[0]))` with `C.size_t(len(b))` and
 * `unsafe.SliceData(b)` pass the data and are silent.
 */
import type { GoNode } from "../src/parse/node.js";
import type { GoRule, GoRuleContext, GoRuleVisitor } from "../src/eslint/rule.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import type { LocalVar } from "../src/ir/scopes.js";
import {
  args,
  collect,
  conversion,
  enclosingFunc,
  envOf,
  importedName,
  initializerOf,
  shortText,
  spanOf,
  typeOf,
  uintptrArg,
  unparen,
  unsafePointerArg,
  type SyntaxEnv,
} from "./util/hazard-syntax.js";

const ALLOCATORS = new Set(["CString", "CBytes", "malloc", "calloc"]);

export const cgoSliceHeader: GoRule = {
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
    languages: ["go-hazard/go"],
  },
  create(context) {
    const env = envOf(context);
    if (!env || env.file.imports.get("C") !== "C") return {} as GoRuleVisitor;
    const reported = new Set<GoNode>();
    return {
      call_expression(node) {
        const fn = cFunction(env, node);
        if (!fn) return;
        if (ALLOCATORS.has(fn)) checkAllocation(env, context, node, fn);
        if (fn === "free") return;
        for (const a of args(node)) {
          const hit = headerPointer(env, a);
          if (!hit || reported.has(hit.node)) continue;
          reported.add(hit.node);
          const related = hit.via ? [{ ...spanOf(hit.via, env.file), message: `${shortText(hit.via)}: the header pointer is taken here` }] : [];
          reportWithEvidence(
            context,
            { node: hit.node, messageId: "header", data: { fn, expr: shortText(hit.node), slice: hit.slice } },
            { related, object: hit.slice, fingerprintParts: [fn, hit.slice] },
          );
        }
      },
    };
  },
};

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
function headerPointer(env: SyntaxEnv, arg: GoNode, depth = 0): { node: GoNode; slice: string; via?: GoNode } | null {
  const n = stripWrappers(env, arg);
  if (!n || depth > 3) return null;
  if (n.type === "unary_expression" && n.field("operator")?.text === "&") {
    const op = unparen(n.field("operand"));
    if (op && typeOf(env, op).k === "slice") return { node: arg, slice: op.text };
    return null;
  }
  const t = typeOf(env, n);
  if (t.k === "ptr" && underSlice(env, t.elem)) {
    return { node: arg, slice: `(*${n.text})` };
  }
  if (n.type === "identifier") {
    const v = env.scopes.resolve(n);
    const init = v ? initializerOf(v) : null;
    if (init && v && isOnlyAssignment(env, v)) {
      const inner = headerPointer(env, init, depth + 1);
      if (inner) return { node: arg, slice: inner.slice, via: init };
    }
  }
  return null;
}

function underSlice(env: SyntaxEnv, t: import("../src/ir/types.js").GoType): boolean {
  if (t.k === "slice") return true;
  if (t.k === "named" && t.pkg === null) {
    const decl = env.ir.types.get(t.name);
    return decl?.type.k === "slice";
  }
  return false;
}

/** The local is assigned only where it is declared. */
function isOnlyAssignment(env: SyntaxEnv, v: LocalVar): boolean {
  const fn = enclosingFunc(v.decl);
  if (!fn) return false;
  for (const id of collect(fn, "identifier")) {
    if (id === v.decl || env.scopes.resolve(id) !== v) continue;
    const ctx = useContext(env, id);
    if (ctx.kind === "assigned") return false;
  }
  return true;
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

function checkAllocation(env: SyntaxEnv, context: GoRuleContext, alloc: GoNode, name: string): void {
  const fnNode = enclosingFunc(alloc);
  if (!fnNode) return; // package-level: lives as long as the program
  const what = name === "CString" ? "the string's copy" : name === "CBytes" ? "the bytes' copy" : "the block";
  const ctx = useContext(env, alloc);
  if (ctx.kind === "arg") {
    const callee = cFunction(env, ctx.call);
    if (!callee || callee === "free" || ALLOCATORS.has(callee)) return;
    context.report({ node: alloc, messageId: "leakDirect", data: { alloc: shortText(alloc), fn: callee, what } });
    return;
  }
  if (ctx.kind !== "value" || !ctx.lhs) return;
  const lhs = unparen(ctx.lhs);
  if (lhs?.type !== "identifier") return; // a field, a map entry, a global: someone else's job
  const v = env.scopes.resolve(lhs);
  if (!v || v.kind !== "var") return;
  const fnOfVar = enclosingFunc(v.decl);
  if (!fnOfVar) return;
  // Any use that frees it, returns it or lets it go elsewhere ends the search.
  for (const id of collect(fnOfVar, "identifier")) {
    if (id === lhs || id === v.decl || env.scopes.resolve(id) !== v) continue;
    const use = useContext(env, id);
    switch (use.kind) {
      case "arg": {
        const callee = cFunction(env, use.call);
        if (callee === "free") return;
        if (callee) continue; // C functions borrow it
        return; // a Go function may free or keep it
      }
      case "return":
      case "element":
        return;
      case "value": {
        // cs2 := cs, s.p = cs, m[k] = cs: stored elsewhere.
        return;
      }
      case "assigned":
      case "other":
        continue;
    }
  }
  // A named function's name for the message.
  const fname = fnNode.type === "func_literal" ? "this function literal" : fnNode.field("name")?.text ?? "this function";
  const related = lhs === v.decl ? [] : [{ ...spanOf(v.decl, env.file), message: `${v.name} is declared here` }];
  reportWithEvidence(
    context,
    { node: alloc, messageId: "leak", data: { alloc: shortText(alloc), func: fname, name: v.name, what } },
    { related, object: v.name, fingerprintParts: [name, v.name] },
  );
}


/**
 * Syntax questions of the unsafe and cgo analyzers: the conversions that keep an address
 * (`(*T)(x)`, `unsafe.Pointer(x)`, `uintptr(x)`), and types through the
 * package's named types.
 */
import type { GoNode } from "../parse/node.js";
import type { GoType } from "../ir/types.js";
import { importedName, isBuiltin, type SyntaxEnv } from "../ir/names.js";
import { underlying } from "../ir/index.js";
import { args, unparen } from "../ir/syntax.js";

/**
 * A conversion written as `(*T)(x)` / `(T)(x)` / `[]T(x)`: the target type node
 * (a type node, or the expression tree-sitter parsed the parenthesised type as)
 * and the operand. Plain `T(x)` is indistinguishable from a call and is not matched.
 */
export function conversion(node: GoNode | undefined): { type: GoNode; operand: GoNode; pointer: GoNode | null } | null {
  node = unparen(node);
  if (!node) return null;
  if (node.type === "type_conversion_expression") {
    const type = node.field("type");
    const operand = node.field("operand");
    if (!type || !operand) return null;
    let t: GoNode | undefined = type;
    while (t && t.type === "parenthesized_type") t = t.children[0];
    return { type: t ?? type, operand, pointer: t?.type === "pointer_type" ? t.children[0] ?? null : null };
  }
  if (node.type === "call_expression") {
    const fn = node.field("function");
    const a = args(node);
    if (fn?.type !== "parenthesized_expression" || a.length !== 1) return null;
    const inner = unparen(fn);
    if (inner?.type === "unary_expression" && inner.field("operator")?.text === "*") {
      const target = inner.field("operand");
      if (!target) return null;
      return { type: inner, operand: a[0]!, pointer: target };
    }
    if (inner?.type === "pointer_type") return { type: inner, operand: a[0]!, pointer: inner.children[0] ?? null };
  }
  return null;
}

/** `unsafe.Pointer(x)` (with `unsafe` under any import name): x. */
export function unsafePointerArg(env: SyntaxEnv, node: GoNode | undefined): GoNode | null {
  node = unparen(node);
  if (!node || node.type !== "call_expression") return null;
  if (importedName(env, node.field("function"), "unsafe") !== "Pointer") return null;
  const a = args(node);
  return a.length === 1 ? a[0]! : null;
}

/** `uintptr(x)`: x. */
export function uintptrArg(env: SyntaxEnv, node: GoNode | undefined): GoNode | null {
  node = unparen(node);
  if (!node) return null;
  if (node.type === "call_expression" && isBuiltin(env, node.field("function"), "uintptr") && args(node).length === 1) return args(node)[0]!;
  if (node.type === "type_conversion_expression" && node.field("type")?.text === "uintptr") return node.field("operand") ?? null;
  return null;
}

/** The type of an expression as the file's scopes see it, through the package's named types. */
export function typeOf(env: SyntaxEnv, expr: GoNode): GoType {
  return underlying(env.ir, env.scopes.typeOf(expr));
}

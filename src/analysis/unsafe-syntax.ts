/**
 * Syntax questions of the unsafe and cgo analyzers: names reached through an
 * import (`unsafe.Pointer`, `reflect.SliceHeader`, `C.free`, renamed imports
 * followed, locals and package-level names shadowing an import excluded),
 * builtins that are not shadowed, the conversions that keep an address
 * (`(*T)(x)`, `unsafe.Pointer(x)`, `uintptr(x)`), and types through the
 * package's named types.
 *
 * `isImportName`, `importedName`, `importedCall`, `isBuiltin` and
 * `isBuiltinCall` are asked by other analyzers too (captured variables,
 * allocation sizes): candidates for src/ir/syntax.ts once they move.
 */
import type { GoNode } from "../parse/node.js";
import type { ConstEnv } from "../ir/consts.js";
import type { FileIR, GoType } from "../ir/types.js";
import { underlying } from "../ir/index.js";
import { args, unparen } from "../ir/syntax.js";

/** One file of the package as these questions need it: the package, the file's imports and its scopes. */
export interface SyntaxEnv extends ConstEnv {
  file: FileIR;
}

/** Does `ident` name the import with path `path` (not a local or package-level declaration of the same name)? */
export function isImportName(env: SyntaxEnv, ident: GoNode | undefined, path: string): boolean {
  if (!ident || (ident.type !== "identifier" && ident.type !== "package_identifier")) return false;
  const name = ident.text;
  if (env.file.imports.get(name) !== path) return false;
  if (ident.type === "identifier" && env.scopes.resolve(ident)) return false;
  return !(env.ir.vars.has(name) || env.ir.funcs.has(name) || env.ir.types.has(name));
}

/** For `pkg.Name` (a selector or a qualified type) where `pkg` is the import `path`: `Name`. */
export function importedName(env: SyntaxEnv, node: GoNode | undefined, path: string): string | null {
  node = unparen(node);
  if (!node) return null;
  if (node.type === "selector_expression") {
    return isImportName(env, node.field("operand"), path) ? node.field("field")?.text ?? null : null;
  }
  if (node.type === "qualified_type") {
    return isImportName(env, node.field("package"), path) ? node.field("name")?.text ?? null : null;
  }
  return null;
}

/** For a call `pkg.Name(...)` of the import `path`: `Name`. */
export function importedCall(env: SyntaxEnv, call: GoNode | undefined, path: string): string | null {
  call = unparen(call);
  if (!call || call.type !== "call_expression") return null;
  return importedName(env, call.field("function"), path);
}

/** Is `ident` the builtin `name` (not shadowed by a local or package-level declaration)? */
export function isBuiltin(env: SyntaxEnv, ident: GoNode | undefined, name: string): boolean {
  if (!ident || ident.type !== "identifier" || ident.text !== name) return false;
  if (env.scopes.resolve(ident)) return false;
  return !(env.ir.vars.has(name) || env.ir.funcs.has(name) || env.ir.types.has(name));
}

/** A call of the builtin `name`. */
export function isBuiltinCall(env: SyntaxEnv, call: GoNode | undefined, name: string): boolean {
  call = unparen(call);
  return !!call && call.type === "call_expression" && isBuiltin(env, call.field("function"), name);
}

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

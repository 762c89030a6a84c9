/**
 * What a name in a file refers to when it is not a local: an import (renamed
 * imports followed; a local or package-level declaration of the same name
 * shadows it) or a builtin (`len`, `panic`, unless the package declares its
 * own).
 */
import type { GoNode } from "../parse/node.js";
import type { ConstEnv } from "./consts.js";
import type { FileIR } from "./types.js";
import { unparen } from "./syntax.js";

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


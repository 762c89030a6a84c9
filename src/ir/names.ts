/**
 * What a name in a file refers to when it is not a local: an import (renamed
 * imports followed; a local or package-level declaration of the same name
 * shadows it), a builtin (`len`, `panic`, unless the package declares its
 * own), or the package-level declaration itself.
 */
import type { GoNode } from "../parse/node.js";
import type { FileScopes } from "./scopes.js";
import type { FileIR, PackageIR } from "./types.js";
import { unparen } from "./syntax.js";

/** One file of a package as name resolution needs it: the package's declarations, the file's imports, its scopes. */
export interface FileEnv {
  ir: PackageIR;
  file: FileIR;
  scopes: FileScopes;
}

/** Older name of FileEnv, kept for the analyzers that call it the syntax environment. */
export type SyntaxEnv = FileEnv;

function declaredInPackage(ir: PackageIR, name: string): boolean {
  return ir.vars.has(name) || ir.funcs.has(name) || ir.types.has(name);
}

/** The import path the identifier names (`bin` → `encoding/binary`), unless a local or package declaration shadows it. */
export function importPathOf(env: FileEnv, ident: GoNode | undefined): string | null {
  if (!ident || (ident.type !== "identifier" && ident.type !== "package_identifier")) return null;
  const path = env.file.imports.get(ident.text);
  if (path === undefined) return null;
  if (ident.type === "identifier" && env.scopes.resolve(ident)) return null;
  return declaredInPackage(env.ir, ident.text) ? null : path;
}

/** Does `ident` name the import with path `path`? */
export function isImportName(env: FileEnv, ident: GoNode | undefined, path: string): boolean {
  return importPathOf(env, ident) === path;
}

/** For `pkg.Name` (a selector or a qualified type) where `pkg` is the import `path`: `Name`. */
export function importedName(env: FileEnv, node: GoNode | undefined, path: string): string | null {
  node = unparen(node);
  if (node?.type === "selector_expression") return isImportName(env, node.field("operand"), path) ? node.field("field")?.text ?? null : null;
  if (node?.type === "qualified_type") return isImportName(env, node.field("package"), path) ? node.field("name")?.text ?? null : null;
  return null;
}

/** For a call `pkg.Name(...)` of the import `path`: `Name`. */
export function importedCall(env: FileEnv, call: GoNode | undefined, path: string): string | null {
  call = unparen(call);
  return call?.type === "call_expression" ? importedName(env, call.field("function"), path) : null;
}

/** Is `ident` the builtin `name` (not shadowed by a local or package-level declaration)? */
export function isBuiltin(env: FileEnv, ident: GoNode | undefined, name: string): boolean {
  if (!ident || ident.type !== "identifier" || ident.text !== name) return false;
  if (env.scopes.resolve(ident)) return false;
  return !declaredInPackage(env.ir, name);
}

/** A call of the builtin `name`. */
export function isBuiltinCall(env: FileEnv, call: GoNode | undefined, name: string): boolean {
  call = unparen(call);
  return call?.type === "call_expression" && isBuiltin(env, call.field("function"), name);
}

/** Is this identifier a reference to the package-level name (not a local, not a field or struct key, not its own declaration)? */
export function isGlobalRef(id: GoNode, scopes: FileScopes): boolean {
  if (id.type !== "identifier") return false;
  if (scopes.resolve(id)) return false;
  const p = id.parent;
  // Struct literal keys (`{items: ...}`) name fields, not variables.
  if (p?.type === "literal_element" && p.parent?.type === "keyed_element" && p.parent.field("key") === p) return false;
  // Declarations of the name itself.
  if (p && (p.type === "var_spec" || p.type === "const_spec") && p.fieldAll("name").includes(id)) return false;
  return true;
}

/**
 * Syntax questions the buffer-flow and captured-vars analyzers ask that the
 * shared base does not answer yet: which import a name refers to, whether a
 * call is a builtin, whether a statement leaves its loop, and nodes of several
 * types within a node in the order a walk visits them. Each is a candidate
 * for src/ir/syntax.ts (they are copies of rules/util/hazard-syntax.ts's,
 * which goes once every rule has moved).
 */
import type { FileScopes } from "../../ir/scopes.js";
import { stripParens, unparen } from "../../ir/syntax.js";
import type { FileIR, PackageIR } from "../../ir/types.js";
import type { GoNode } from "../../parse/node.js";
import type { Inspector } from "../base/inspect.js";

/** What resolving a name in a file needs: the package (its declarations), the file (its imports), its scopes. */
export interface NameEnv {
  ir: PackageIR;
  file: FileIR;
  scopes: FileScopes;
}

/** Is the name at `ident` a package-level declaration of this package (which shadows imports and builtins)? */
function declaredInPackage(ir: PackageIR, name: string): boolean {
  return ir.vars.has(name) || ir.funcs.has(name) || ir.types.has(name);
}

// candidate for src/ir/syntax.ts
/** The import path the identifier names (`bin` → `encoding/binary`), unless a local or package declaration shadows it. */
export function importPathOf(env: NameEnv, ident: GoNode | undefined): string | null {
  if (!ident || (ident.type !== "identifier" && ident.type !== "package_identifier")) return null;
  const path = env.file.imports.get(ident.text);
  if (path === undefined) return null;
  if (ident.type === "identifier" && env.scopes.resolve(ident)) return null;
  return declaredInPackage(env.ir, ident.text) ? null : path;
}

// candidate for src/ir/syntax.ts
/** For `pkg.Name` (a selector or a qualified type) where `pkg` is the import `path`: `Name`. */
export function importedName(env: NameEnv, node: GoNode | undefined, path: string): string | null {
  node = unparen(node);
  if (node?.type === "selector_expression") return importPathOf(env, node.field("operand")) === path ? node.field("field")?.text ?? null : null;
  if (node?.type === "qualified_type") return importPathOf(env, node.field("package")) === path ? node.field("name")?.text ?? null : null;
  return null;
}

// candidate for src/ir/syntax.ts
/** For a call `pkg.Name(...)` of the import `path`: `Name`. */
export function importedCall(env: NameEnv, call: GoNode | undefined, path: string): string | null {
  call = unparen(call);
  return call?.type === "call_expression" ? importedName(env, call.field("function"), path) : null;
}

// candidate for src/ir/syntax.ts
/** A call of the builtin `name` (not shadowed by a local or package-level declaration). */
export function isBuiltinCall(env: NameEnv, call: GoNode | undefined, name: string): boolean {
  call = unparen(call);
  const fn = call?.type === "call_expression" ? call.field("function") : undefined;
  if (!fn || fn.type !== "identifier" || fn.text !== name || env.scopes.resolve(fn)) return false;
  return !declaredInPackage(env.ir, name);
}

const BREAKABLE = new Set(["for_statement", "expression_switch_statement", "type_switch_statement", "select_statement"]);

// candidate for src/ir/syntax.ts
/** Is `stmt` followed, in its block or an enclosing one inside `loop`, by a statement that leaves the loop (`return`, `break`, `panic`)? */
export function terminatesAfter(stmt: GoNode, loop: GoNode): boolean {
  const labelled = loop.parent?.type === "labeled_statement" ? loop.parent.field("label")?.text : undefined;
  let n: GoNode = stmt;
  while (n.parent && n !== loop) {
    const parent: GoNode = n.parent;
    if (parent.type === "statement_list") {
      // A plain break only leaves the loop when no switch, select or inner loop sits between it and the loop.
      let breakable = false;
      for (let a = parent.parent; a && a !== loop; a = a.parent) if (BREAKABLE.has(a.type)) breakable = true;
      for (const later of parent.children.slice(parent.children.indexOf(n) + 1)) {
        if (later.type === "return_statement") return true;
        if (later.type === "break_statement") {
          const label = later.children[0]?.text;
          if (label ? label === labelled : !breakable) return true;
        }
        const call = later.type === "expression_statement" && later.children[0] ? stripParens(later.children[0]) : undefined;
        if (call?.type === "call_expression" && call.field("function")?.text === "panic") return true;
      }
    }
    n = parent;
  }
  return false;
}

// candidate for src/analysis/base/inspect.ts (a `within` over several types)
/** Nodes of any of `types` inside `node`, in the order a pre-order walk visits them (an outer node before the nodes inside it). */
export function nodesWithin(inspect: Inspector, node: GoNode, types: readonly string[], options: { skipFuncLits?: boolean } = {}): GoNode[] {
  const out = types.flatMap((t) => inspect.within(node, t, options));
  if (types.length > 1) out.sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
  return out;
}

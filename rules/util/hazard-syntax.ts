/**
 * Small syntax helpers shared by the memory-hazard rules (reused-buffer-alias,
 * unsafe-slice-header, cgo-slice-header, goroutine-captured-var): walking a
 * function body, resolving `pkg.Name` through the file's imports (renamed
 * imports included, locals shadowing an import excluded), recognising
 * conversions, evaluating small integer constants.
 */
import type { GoNode } from "../../src/parse/node.js";
import type { FileIR, GoType, PackageIR } from "../../src/ir/types.js";
import { underlying } from "../../src/ir/index.js";
import { scopesOf, type FileScopes, type LocalVar } from "../../src/ir/scopes.js";
import type { GoRuleContext } from "../../src/eslint/rule.js";
import type { GoParserServices } from "../../src/eslint/services.js";
export { constInt, initializerOf } from "../../src/ir/consts.js";
export { args, collect, enclosingFunc, FUNC_NODE_TYPES, goMinor, shortText, spanOf, statementOf, unparen, walk, within } from "../../src/ir/syntax.js";
import { args, collect, unparen, walk } from "../../src/ir/syntax.js";

export interface SyntaxEnv {
  ir: PackageIR;
  file: FileIR;
  scopes: FileScopes;
}

/** The package IR, file IR and scopes of the file being linted; null outside the go-hazard engine. */
export function envOf(context: GoRuleContext): SyntaxEnv | null {
  const services = context.sourceCode.parserServices as Partial<GoParserServices> | undefined;
  if (!services?.ir || !services.file) return null;
  return { ir: services.ir, file: services.file, scopes: scopesOf(services.ir, services.file) };
}



/** Does `name` (used at `ident`) refer to the import with path `path` (not to a local or package-level declaration)? */
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


/** Is `name` the builtin (not shadowed by a local or package-level declaration) at `ident`? */
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

/** The local variable an identifier refers to (uses and declarations). */
export function localOf(env: SyntaxEnv, n: GoNode | undefined): LocalVar | undefined {
  n = unparen(n);
  return n && n.type === "identifier" ? env.scopes.resolve(n) : undefined;
}

/** Every identifier in the file that refers to `v`. */
export function refsOf(env: SyntaxEnv, v: LocalVar, within: GoNode): GoNode[] {
  return collect(within, "identifier").filter((i) => env.scopes.resolve(i) === v);
}

export interface Write {
  /** The identifier written. */
  ident: GoNode;
  /** The statement that writes it. */
  stmt: GoNode;
  /** The value assigned, when it is a plain `=`/`:=` with as many values as targets. */
  value: GoNode | null;
  /** `=`, `:=`, `+=`, `++`, `range`, `recv`, `return`, `&` ... */
  op: string;
}

/** Assignments to identifiers (not the declarations that introduce them) below `start`. */
export function identWrites(start: GoNode, options: { skipFuncLits?: boolean } = {}): Write[] {
  const out: Write[] = [];
  walk(
    start,
    (n) => {
      switch (n.type) {
        case "assignment_statement":
        case "short_var_declaration": {
          const left = n.field("left")?.children ?? [];
          const right = n.field("right")?.children ?? [];
          const op = n.type === "short_var_declaration" ? ":=" : n.field("operator")?.text ?? "=";
          left.forEach((l, i) => {
            const u = unparen(l);
            if (u?.type === "identifier") out.push({ ident: u, stmt: n, value: right.length === left.length ? right[i]! : null, op });
          });
          break;
        }
        case "inc_statement":
        case "dec_statement": {
          const u = unparen(n.children[0]);
          if (u?.type === "identifier") out.push({ ident: u, stmt: n, value: null, op: n.type === "inc_statement" ? "++" : "--" });
          break;
        }
        case "range_clause":
        case "receive_statement": {
          const left = n.field("left")?.children ?? [];
          for (const l of left) {
            const u = unparen(l);
            if (u?.type === "identifier") out.push({ ident: u, stmt: n, value: null, op: n.type === "range_clause" ? "range" : "recv" });
          }
          break;
        }
      }
    },
    options,
  );
  return out;
}

/** The type of an expression as the file's scopes see it, through local named types. */
export function typeOf(env: SyntaxEnv, expr: GoNode): GoType {
  return underlying(env.ir, env.scopes.typeOf(expr));
}

export function isByteType(t: GoType): boolean {
  return t.k === "basic" && (t.name === "uint8" || t.name === "int8");
}

/** Is `stmt` followed, in its block or an enclosing one inside `loop`, by a statement that leaves the loop (`return`, `break`, `panic`)? */
export function terminatesAfter(stmt: GoNode, loop: GoNode): boolean {
  const labelled = loop.parent?.type === "labeled_statement" ? loop.parent.field("label")?.text : undefined;
  let n: GoNode = stmt;
  while (n.parent && n !== loop) {
    const parent: GoNode = n.parent;
    if (parent.type === "statement_list") {
      // A plain break only leaves the loop when no switch, select or inner loop sits between it and the loop.
      let breakable = false;
      for (let a = parent.parent; a && a !== loop; a = a.parent) {
        if (["for_statement", "expression_switch_statement", "type_switch_statement", "select_statement"].includes(a.type)) breakable = true;
      }
      const i = parent.children.indexOf(n);
      for (const later of parent.children.slice(i + 1)) {
        if (later.type === "return_statement") return true;
        if (later.type === "break_statement") {
          const label = later.children[0]?.text;
          if (label ? label === labelled : !breakable) return true;
        }
        const call = later.type === "expression_statement" ? unparen(later.children[0]) : undefined;
        if (call?.type === "call_expression" && call.field("function")?.text === "panic") return true;
      }
    }
    n = parent;
  }
  return false;
}

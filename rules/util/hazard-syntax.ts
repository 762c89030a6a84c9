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
import type { SourceSpan } from "../../src/report/finding.js";

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

export function spanOf(node: GoNode, file: FileIR): SourceSpan {
  const { start, end } = node.loc;
  return { file: file.file.relPath, line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
}

export const FUNC_NODE_TYPES: ReadonlySet<string> = new Set(["function_declaration", "method_declaration", "func_literal"]);

/** Strips parentheses around an expression. */
export function unparen(n: GoNode | undefined): GoNode | undefined {
  while (n && n.type === "parenthesized_expression" && n.children.length === 1) n = n.children[0];
  return n;
}

/** Is `node` inside `ancestor` (or the node itself)? */
export function within(node: GoNode, ancestor: GoNode): boolean {
  return node.range[0] >= ancestor.range[0] && node.range[1] <= ancestor.range[1];
}

/** Innermost function (declaration or literal) around a node. */
export function enclosingFunc(node: GoNode): GoNode | null {
  for (let p = node.parent; p; p = p.parent) if (FUNC_NODE_TYPES.has(p.type)) return p;
  return null;
}

/**
 * Pre-order walk. `visit` returning false skips the node's children.
 * With `skipFuncLits`, function literals below the start node are not entered.
 */
export function walk(start: GoNode, visit: (n: GoNode) => boolean | void, options: { skipFuncLits?: boolean } = {}): void {
  const stack: GoNode[] = [start];
  while (stack.length) {
    const n = stack.pop()!;
    if (n !== start && options.skipFuncLits && n.type === "func_literal") continue;
    if (visit(n) === false) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
}

/** Nodes of the given types below `start`, in source order. */
export function collect(start: GoNode, types: ReadonlySet<string> | string, options: { skipFuncLits?: boolean } = {}): GoNode[] {
  const out: GoNode[] = [];
  const want = typeof types === "string" ? new Set([types]) : types;
  walk(start, (n) => void (want.has(n.type) && out.push(n)), options);
  return out;
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

export function args(call: GoNode): GoNode[] {
  return call.field("arguments")?.children ?? [];
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

/** The initializer of a local declared by `v := x` or `var v = x` (matched by position), if any. */
export function initializerOf(v: LocalVar): GoNode | null {
  const list = v.decl.parent;
  const decl = list?.parent;
  if (!list || !decl) return null;
  if (decl.type === "short_var_declaration" && list === decl.field("left")) {
    const i = list.children.indexOf(v.decl);
    const right = decl.field("right")?.children ?? [];
    return right.length === list.children.length ? right[i] ?? null : null;
  }
  if (list.type === "var_spec") {
    const names = list.fieldAll("name");
    const values = list.field("value")?.children ?? [];
    const i = names.indexOf(v.decl);
    return values.length === names.length && i >= 0 ? values[i] ?? null : null;
  }
  return null;
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

/** Evaluates a small integer constant expression: literals, constants, + - * / << and parentheses. */
export function constInt(env: SyntaxEnv, node: GoNode | undefined, depth = 0): number | null {
  node = unparen(node);
  if (!node || depth > 8) return null;
  switch (node.type) {
    case "int_literal": {
      const t = node.text.replace(/_/g, "");
      const v = /^0[0-7]+$/.test(t) ? parseInt(t.slice(1), 8) : Number(t.replace(/^0o/i, "0o"));
      return Number.isSafeInteger(v) ? v : null;
    }
    case "identifier": {
      const local = env.scopes.resolve(node);
      if (local) {
        if (local.kind !== "const") return null;
        return constInt(env, initializerOf(local) ?? undefined, depth + 1);
      }
      const g = env.ir.vars.get(node.text);
      if (g && g.isConst && g.value) return constInt(env, g.value, depth + 1);
      return null;
    }
    case "binary_expression": {
      const l = constInt(env, node.field("left"), depth + 1);
      const r = constInt(env, node.field("right"), depth + 1);
      if (l === null || r === null) return null;
      switch (node.field("operator")?.text) {
        case "+":
          return l + r;
        case "-":
          return l - r;
        case "*":
          return l * r;
        case "/":
          return r === 0 ? null : Math.trunc(l / r);
        case "<<":
          return r < 31 ? l * 2 ** r : null;
        default:
          return null;
      }
    }
    case "unary_expression": {
      const v = constInt(env, node.field("operand"), depth + 1);
      if (v === null) return null;
      const op = node.field("operator")?.text;
      return op === "-" ? -v : op === "+" ? v : null;
    }
    default:
      return null;
  }
}

/** The type of an expression as the file's scopes see it, through local named types. */
export function typeOf(env: SyntaxEnv, expr: GoNode): GoType {
  return underlying(env.ir, env.scopes.typeOf(expr));
}

export function isByteType(t: GoType): boolean {
  return t.k === "basic" && (t.name === "uint8" || t.name === "int8");
}

/** Minor version of a Go version string (`1.21`, `1.22.3`, `go1.21rc1`); null when not a Go 1.x version. */
export function goMinor(version: string | null | undefined): number | null {
  if (!version) return null;
  const m = /^(?:go)?1\.(\d+)/.exec(version.trim());
  return m ? Number(m[1]) : null;
}

/** The statement (a direct child of a statement list or block) that contains `node`. */
export function statementOf(node: GoNode): GoNode {
  let n = node;
  while (n.parent && n.parent.type !== "statement_list" && n.parent.type !== "block" && !FUNC_NODE_TYPES.has(n.parent.type)) n = n.parent;
  return n;
}

/** Short, single-line source text for messages. */
export function shortText(node: GoNode, max = 60): string {
  const t = node.text.replace(/\s+/g, " ");
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
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

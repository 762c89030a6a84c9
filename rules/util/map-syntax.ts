/**
 * Syntax helpers shared by the map rules that work on the package IR rather
 * than on the analysis facts (nil-map-write, unchecked-map-pointer,
 * unbounded-map-growth): tree walks, "where is this expression used" tests,
 * constructor detection, and a per-package cache for package-wide scans.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { underlying } from "../../src/ir/index.js";
import { localTypeName } from "../../src/ir/lookup.js";
import { scopesOf, type FileScopes } from "../../src/ir/scopes.js";
import type { FileIR, FuncIR, GoType, PackageIR } from "../../src/ir/types.js";
import type { GoNode } from "../../src/parse/node.js";
import { walk } from "../../src/parse/parser.js";
import { funcOfDecl } from "../../src/ir/node-index.js";

export { funcOfDecl, walk };

export function stripParens(n: GoNode): GoNode {
  let x = n;
  while (x.type === "parenthesized_expression" && x.children[0]) x = x.children[0];
  return x;
}

/** The parent, skipping parentheses around `n`. */
export function parentOf(n: GoNode): GoNode | null {
  let p = n.parent;
  while (p && p.type === "parenthesized_expression") p = p.parent;
  return p;
}

/** Source text with whitespace removed: identity of `m[k]`, `s.items` within one function. */
export function exprKey(n: GoNode): string {
  return stripParens(n).text.replace(/\s+/g, "");
}

export function isNil(n: GoNode | undefined): boolean {
  return !!n && stripParens(n).type === "nil";
}

export function opOf(n: GoNode): string | undefined {
  return n.field("operator")?.text;
}

/** Is `inner` inside `outer` (or the same node)? */
export function contains(outer: GoNode, inner: GoNode): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1] && (outer === inner || isAncestor(outer, inner));
}

function isAncestor(a: GoNode, n: GoNode): boolean {
  for (let p: GoNode | null = n; p; p = p.parent) if (p === a) return true;
  return false;
}

const FUNC_NODES = new Set(["function_declaration", "method_declaration", "func_literal"]);

/** Innermost function (declaration or literal) around a node. */
export function enclosingFunc(n: GoNode): GoNode | null {
  for (let p = n.parent; p; p = p.parent) if (FUNC_NODES.has(p.type)) return p;
  return null;
}

/** Declared function or method around a node (through literals). */
export function enclosingDecl(n: GoNode): GoNode | null {
  for (let p = n.parent; p; p = p.parent) if (p.type === "function_declaration" || p.type === "method_declaration") return p;
  return null;
}

/** for statements between `n` and `stop` (exclusive), innermost first. */
export function loopsAround(n: GoNode, stop: GoNode | null): GoNode[] {
  const out: GoNode[] = [];
  for (let p = n.parent; p && p !== stop; p = p.parent) {
    if (p.type === "for_statement") out.push(p);
    if (FUNC_NODES.has(p.type)) break;
  }
  return out;
}

/** Does the function contain `goto` (flow by source order is then unreliable)? */
export function hasGoto(fn: GoNode): boolean {
  let found = false;
  walk(fn, (n) => {
    if (n.type === "goto_statement") found = true;
    return !found;
  });
  return found;
}

/**
 * Where an expression is the target of a store: the whole left-hand side of
 * `=`, `op=`, `:=` (redeclared), a range clause with `=`, a receive
 * statement's left side, or the operand of `++`/`--`.
 */
export function isStoreTarget(n: GoNode): boolean {
  let x = n;
  while (x.parent && x.parent.type === "parenthesized_expression") x = x.parent;
  const list = x.parent;
  if (!list) return false;
  if (list.type === "inc_statement" || list.type === "dec_statement") return true;
  if (list.type !== "expression_list") return false;
  const stmt = list.parent;
  if (!stmt) return false;
  if ((stmt.type === "assignment_statement" || stmt.type === "short_var_declaration" || stmt.type === "range_clause" || stmt.type === "receive_statement") && stmt.field("left") === list) return true;
  return false;
}

/** `m[k] = v`, `m[k] op= v`, `m[k]++`: is this index expression written? */
export function isIndexWrite(ix: GoNode): boolean {
  return ix.type === "index_expression" && isStoreTarget(ix);
}

/** The call whose argument list directly holds `n`, and the argument position. */
export function argumentOf(n: GoNode): { call: GoNode; index: number } | null {
  let x = n;
  while (x.parent && x.parent.type === "parenthesized_expression") x = x.parent;
  const args = x.parent;
  if (!args || args.type !== "argument_list" || args.parent?.type !== "call_expression") return null;
  return { call: args.parent, index: args.children.indexOf(x) };
}

/** Name of a called function as written: `delete`, `fmt.Println`, `c.evict`. */
export function calleeText(call: GoNode): string {
  return call.field("function")?.text.replace(/\s+/g, "") ?? "";
}

/** Is `n` compared with nil (`n == nil`, `nil != n`)? */
export function isNilComparison(n: GoNode): boolean {
  const p = parentOf(n);
  if (!p || p.type !== "binary_expression") return false;
  const op = opOf(p);
  if (op !== "==" && op !== "!=") return false;
  const l = p.field("left");
  const r = p.field("right");
  return (l !== undefined && stripParens(l) === stripParens(n) && isNil(r)) || (r !== undefined && stripParens(r) === stripParens(n) && isNil(l));
}

/** `&n` */
export function isAddressTaken(n: GoNode): boolean {
  const p = parentOf(n);
  return !!p && p.type === "unary_expression" && opOf(p) === "&";
}

/** The map type behind `t` (through local named types), or null. */
export function mapType(ir: PackageIR, t: GoType): Extract<GoType, { k: "map" }> | null {
  const u = underlying(ir, t);
  return u.k === "map" ? u : null;
}

/** Functions and methods of the package, in source order (file, then offset). */
export function funcsInOrder(ir: PackageIR): FuncIR[] {
  const files = new Map(ir.files.map((f, i) => [f, i]));
  return [...ir.funcs.values()].sort((a, b) => files.get(a.file)! - files.get(b.file)! || a.node.range[0] - b.node.range[0]);
}

/** A package function (no receiver) whose results include `T` or `*T`: it builds fresh values of T. */
export function isConstructorOf(fn: FuncIR, typeName: string): boolean {
  return fn.recv === null && fn.results.some((r) => localTypeName(r.type) === typeName);
}

/** Every file with its scopes (for package-wide scans). */
export function filesWithScopes(ir: PackageIR): Array<{ file: FileIR; scopes: FileScopes }> {
  return ir.files.map((file) => ({ file, scopes: scopesOf(ir, file) }));
}

/** Is this identifier a reference to the package-level name (not a local, not a field or struct key)? */
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

/** Package-level constant named by an expression (literal, declared const, iota, or a constant expression of those). */
export function isConstantExpr(ir: PackageIR, n: GoNode, scopes: FileScopes): boolean {
  const x = stripParens(n);
  switch (x.type) {
    case "int_literal":
    case "float_literal":
    case "imaginary_literal":
    case "rune_literal":
    case "interpreted_string_literal":
    case "raw_string_literal":
    case "true":
    case "false":
    case "iota":
      return true;
    case "identifier": {
      const local = scopes.resolve(x);
      if (local) return local.kind === "const";
      return ir.vars.get(x.text)?.isConst === true || x.text === "true" || x.text === "false";
    }
    case "selector_expression": {
      // pkg.Name: another package's name; constants are the common case (http.MethodGet). Unknown → treated as constant (quiet).
      const op = x.field("operand");
      return op?.type === "identifier" && !scopes.resolve(op) && !ir.vars.has(op.text) && scopes.file.imports.has(op.text);
    }
    case "binary_expression": {
      const l = x.field("left");
      const r = x.field("right");
      return !!l && !!r && isConstantExpr(ir, l, scopes) && isConstantExpr(ir, r, scopes);
    }
    case "unary_expression": {
      const o = x.field("operand");
      return opOf(x) !== "&" && opOf(x) !== "*" && opOf(x) !== "<-" && !!o && isConstantExpr(ir, o, scopes);
    }
    case "call_expression": {
      // Conversions of constants: State(1), string(KindA).
      const f = x.field("function");
      const args = x.field("arguments")?.children ?? [];
      if (!f || args.length !== 1) return false;
      const isType = (f.type === "identifier" && (ir.types.has(f.text) || /^(u?int(8|16|32|64)?|string|byte|rune|float(32|64)|bool)$/.test(f.text))) || f.type === "parenthesized_type";
      return isType && isConstantExpr(ir, args[0]!, scopes);
    }
    default:
      return false;
  }
}

const perPackage = new WeakMap<PackageIR, Map<string, unknown>>();

/** Computes `make()` once per package and key (rules run once per file). */
export function packageCache<T>(ir: PackageIR, key: string, make: () => T): T {
  let m = perPackage.get(ir);
  if (!m) perPackage.set(ir, (m = new Map()));
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

/** `file:line` of a node for messages. */
export function lineOf(n: GoNode): number {
  return n.loc.start.line;
}

/**
 * Does the package directory hold non-test Go files that are not in the
 * analysed package (generated files, skipped by default; files for another
 * build)? Package-wide "nothing ever assigns X" proofs don't hold then.
 */
export function hasUnseenFiles(ir: PackageIR): boolean {
  return packageCache(ir, "unseen-files", () => {
    let names: string[];
    try {
      names = fs.readdirSync(ir.pkg.dir);
    } catch {
      return false;
    }
    const seen = new Set(ir.pkg.files.map((f) => path.basename(f.path)));
    return names.some((n) => n.endsWith(".go") && !n.endsWith("_test.go") && !seen.has(n));
  });
}

/** The package and file IR of the file being linted; null outside the go-hazard engine. */
export function servicesOf(context: import("../../src/eslint/rule.js").GoRuleContext): import("../../src/eslint/services.js").GoParserServices | null {
  const s = context.sourceCode.parserServices as Partial<import("../../src/eslint/services.js").GoParserServices> | undefined;
  return s && s.ir && s.file ? (s as import("../../src/eslint/services.js").GoParserServices) : null;
}

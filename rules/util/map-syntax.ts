/**
 * Syntax helpers shared by the map rules that work on the package IR rather
 * than on the analysis facts (nil-map-write, unchecked-map-pointer,
 * unbounded-map-growth): tree walks, "where is this expression used" tests,
 * constructor detection, and a per-package cache for package-wide scans.
 */
import { underlying } from "../../src/ir/index.js";
import { localTypeName } from "../../src/ir/lookup.js";
import { scopesOf, type FileScopes } from "../../src/ir/scopes.js";
import type { FileIR, FuncIR, GoType, PackageIR } from "../../src/ir/types.js";
import type { GoNode } from "../../src/parse/node.js";
import { walk } from "../../src/parse/parser.js";
import { funcOfDecl } from "../../src/ir/node-index.js";

export { funcOfDecl, walk };
export { argumentOf, calleeText, contains, enclosingDecl, enclosingFunc, exprKey, isNil, isStoreTarget, loopsAround, opOf, parentOf, stripParens } from "../../src/ir/syntax.js";
import { isStoreTarget, opOf, parentOf, stripParens, isNil } from "../../src/ir/syntax.js";
export { isConstantExpr } from "../../src/ir/consts.js";




/** Does the function contain `goto` (flow by source order is then unreliable)? */
export function hasGoto(fn: GoNode): boolean {
  let found = false;
  walk(fn, (n) => {
    if (n.type === "goto_statement") found = true;
    return !found;
  });
  return found;
}

/** `m[k] = v`, `m[k] op= v`, `m[k]++`: is this index expression written? */
export function isIndexWrite(ix: GoNode): boolean {
  return ix.type === "index_expression" && isStoreTarget(ix);
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
  const seen = new Set(ir.pkg.files.map((f) => f.relPath.slice(f.relPath.lastIndexOf("/") + 1)));
  return ir.pkg.dirFiles.some((n) => !n.endsWith("_test.go") && !seen.has(n));
}

/** The package and file IR of the file being linted; null outside the go-hazard engine. */
export function servicesOf(context: import("../../src/eslint/rule.js").GoRuleContext): import("../../src/eslint/services.js").GoParserServices | null {
  const s = context.sourceCode.parserServices as Partial<import("../../src/eslint/services.js").GoParserServices> | undefined;
  return s && s.ir && s.file ? (s as import("../../src/eslint/services.js").GoParserServices) : null;
}

/**
 * Questions about the syntax tree that every analyzer asks: parentheses,
 * enclosing functions and statements, containment, store targets, call
 * arguments, spans. One module, so each is answered one way.
 */
import type { GoNode } from "../parse/node.js";
import type { SourceSpan } from "../report/finding.js";
import type { FileIR } from "./types.js";

export const FUNC_NODE_TYPES: ReadonlySet<string> = new Set(["function_declaration", "method_declaration", "func_literal"]);

export function isFuncNode(n: GoNode): boolean {
  return FUNC_NODE_TYPES.has(n.type);
}

/** The expression inside any parentheses around it. */
export function stripParens(n: GoNode): GoNode {
  let x = n;
  while (x.type === "parenthesized_expression" && x.children[0]) x = x.children[0];
  return x;
}

/** `stripParens` for optional nodes. */
export function unparen(n: GoNode | undefined): GoNode | undefined {
  return n ? stripParens(n) : undefined;
}

/** The parent, skipping parentheses around `n`. */
export function parentOf(n: GoNode): GoNode | null {
  let p = n.parent;
  while (p && p.type === "parenthesized_expression") p = p.parent;
  return p;
}

/** Is `node` inside `ancestor` (or the node itself)? By source range: both must be in one file. */
export function within(node: GoNode, ancestor: GoNode): boolean {
  return node.start >= ancestor.start && node.end <= ancestor.end;
}

/** Is `inner` inside `outer` (or the same node), by the tree itself (safe across files)? */
export function contains(outer: GoNode, inner: GoNode): boolean {
  if (!within(inner, outer)) return false;
  for (let p: GoNode | null = inner; p; p = p.parent) if (p === outer) return true;
  return false;
}

/** Innermost function (declaration or literal) around a node. */
export function enclosingFunc(n: GoNode): GoNode | null {
  for (let p = n.parent; p; p = p.parent) if (FUNC_NODE_TYPES.has(p.type)) return p;
  return null;
}

/** Declared function or method around a node (through literals). */
export function enclosingDecl(n: GoNode): GoNode | null {
  for (let p = n.parent; p; p = p.parent) if (p.type === "function_declaration" || p.type === "method_declaration") return p;
  return null;
}

/** The statement (a direct child of a statement list or block) that contains `node`. */
export function statementOf(node: GoNode): GoNode {
  let n = node;
  while (n.parent && n.parent.type !== "statement_list" && n.parent.type !== "block" && !FUNC_NODE_TYPES.has(n.parent.type)) n = n.parent;
  return n;
}

/** for statements between `n` and `stop` (exclusive), innermost first, not leaving n's function. */
export function loopsAround(n: GoNode, stop: GoNode | null): GoNode[] {
  const out: GoNode[] = [];
  for (let p = n.parent; p && p !== stop; p = p.parent) {
    if (p.type === "for_statement") out.push(p);
    if (FUNC_NODE_TYPES.has(p.type)) break;
  }
  return out;
}

/**
 * Pre-order walk below `start`. `visit` returning false skips the node's
 * children. With `skipFuncLits`, function literals below `start` are not
 * entered. Iterative: input depth cannot exhaust the stack.
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
  return (stmt.type === "assignment_statement" || stmt.type === "short_var_declaration" || stmt.type === "range_clause" || stmt.type === "receive_statement") && stmt.field("left") === list;
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

const BREAKABLE = new Set(["for_statement", "expression_switch_statement", "type_switch_statement", "select_statement"]);

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

/** The call whose argument list directly holds `n`, and the argument position. */
export function argumentOf(n: GoNode): { call: GoNode; index: number } | null {
  let x = n;
  while (x.parent && x.parent.type === "parenthesized_expression") x = x.parent;
  const list = x.parent;
  if (!list || list.type !== "argument_list" || list.parent?.type !== "call_expression") return null;
  return { call: list.parent, index: list.children.indexOf(x) };
}

/** A call's arguments. */
export function args(call: GoNode): GoNode[] {
  return call.field("arguments")?.children ?? [];
}

/** Name of a called function as written: `delete`, `fmt.Println`, `c.evict`. */
export function calleeText(call: GoNode): string {
  return call.field("function")?.text.replace(/\s+/g, "") ?? "";
}

/** The operator of a unary, binary or assignment node. */
export function opOf(n: GoNode): string | undefined {
  return n.field("operator")?.text;
}

export function isNil(n: GoNode | undefined): boolean {
  return !!n && stripParens(n).type === "nil";
}

/** Source text with whitespace removed: identity of `m[k]`, `s.items` within one function. */
export function exprKey(n: GoNode): string {
  return stripParens(n).text.replace(/\s+/g, "");
}

/** Short, single-line source text for messages, at most `max` characters with the `ellipsis` that marks a cut. */
export function shortText(node: GoNode, max = 60, ellipsis = "…"): string {
  const t = node.text.replace(/\s+/g, " ");
  return t.length > max ? `${t.slice(0, max - ellipsis.length)}${ellipsis}` : t;
}

/** A node's position as findings carry it (1-based columns). */
export function spanOf(node: GoNode, file: FileIR): SourceSpan {
  const { start, end } = node.loc;
  return { file: file.file.relPath, line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
}

/** Minor version of a Go version string (`1.21`, `1.22.3`, `go1.21rc1`); null when not a Go 1.x version. */
export function goMinor(version: string | null | undefined): number | null {
  if (!version) return null;
  const m = /^(?:go)?1\.(\d+)/.exec(version.trim());
  return m ? Number(m[1]) : null;
}

/** Go 1.22 made loop variables per iteration; unknown versions get the modern semantics (fewer findings). */
export function perIterationLoopVars(goVersion: string | null): boolean {
  const minor = goMinor(goVersion);
  return minor === null || minor >= 22;
}

/**
 * The map-pointers analyzer: pointers read from a map and dereferenced with
 * no check that they are there. A missing key yields the zero value, a nil
 * pointer, and `*m[k]`, `(*m[k])[i]`, `m[k].f`, or `p := m[k]; *p` then crash
 * with SIGSEGV (seed 004's `map[string]*[]byte` incident).
 *
 * Guards that keep it quiet, looked for earlier in the same function (or in a
 * loop around the dereference): a comma-ok lookup of the same map and key
 * (`p, ok := m[k]`), a nil comparison (`p == nil`, `m[k] != nil`), a store
 * of a non-nil value under the same key expression (`m[k] = &b`), a call
 * given the key and the map (or its owner), which may store it, a range over
 * the same map whose key is the index. For `p := m[k]` the first use of p
 * decides: a dereference is reported, a nil check, a reassignment, `&p`, or
 * handing p to a function (which may check it) ends the search quietly.
 *
 * Only lookups whose key comes from outside the package are reported: a
 * parameter of an exported function or method, or a `*http.Request`
 * parameter anywhere (handlers), or a local computed from one. Keys the code
 * computes itself (range variables, ids it just stored) mostly exist by
 * construction.
 */
import { underlying } from "../ir/index.js";
import { lookupField } from "../ir/lookup.js";
import { funcOfDecl } from "../ir/node-index.js";
import type { FileScopes, LocalVar } from "../ir/scopes.js";
import { argumentOf, calleeText, contains, exprKey, isAddressTaken, isNil, isNilComparison, isStoreTarget, loopsAround, opOf, parentOf, spanOf, stripParens } from "../ir/syntax.js";
import type { FileIR, GoType, PackageIR } from "../ir/types.js";
import type { GoNode } from "../parse/node.js";
import { inspectAnalyzer, type Inspector } from "./base/inspect.js";
import { scopesAnalyzer } from "./base/scopes.js";
import { defineAnalyzer } from "./framework.js";
import { isRequestType } from "./base/outside-input.js";


export interface UncheckedDeref {
  /** The dereference: `*m[k]`, `m[k].f`, `*p`, `p.f`. */
  node: GoNode;
  file: FileIR;
  /** The map as written, without spaces (`p.conns`). */
  map: string;
  /** The pointer type stored in the map. */
  valueType: GoType;
  /** The lookup (`m[k]`). */
  lookup: GoNode;
  /** For `p := m[k]; ... *p`: p's name; null when the lookup itself is dereferenced. */
  variable: string | null;
}

export interface MapPointers {
  /** Unchecked dereferences, by file (package order) and function (source order). */
  derefs: UncheckedDeref[];
}

export const mapPointersAnalyzer = defineAnalyzer<MapPointers>({
  name: "map-pointers",
  doc: `Pointers read from maps under keys from outside the package and dereferenced without a presence or nil check.

Per declared function: lookups of pointer-valued maps whose key involves a
parameter of an exported function, a *net/http.Request parameter, or a local
assigned from one; guards are comma-ok lookups, nil comparisons, non-nil stores
and calls that get the key, earlier in the function or in a loop around.`,
  requires: [inspectAnalyzer, scopesAnalyzer],
  run(pass) {
    const inspect = pass.resultOf(inspectAnalyzer);
    const scopes = pass.resultOf(scopesAnalyzer);
    const derefs: UncheckedDeref[] = [];
    for (const file of pass.ir.files) {
      for (const decl of file.parsed.root.children) {
        if (decl.type !== "function_declaration" && decl.type !== "method_declaration") continue;
        if (!decl.field("body")) continue;
        for (const x of checkFunction(pass.ir, inspect, scopes.of(file), decl)) derefs.push(x);
      }
    }
    return { derefs };
  },
  toJSON: (r) => ({
    derefs: r.derefs.map((d) => {
      const s = spanOf(d.node, d.file);
      const via = d.variable === null ? "" : ` through ${d.variable} (read at line ${d.lookup.loc.start.line})`;
      return `${s.file}:${s.line}:${s.column} ${d.node.text.replace(/\s+/g, "")} dereferences ${d.lookup.text.replace(/\s+/g, "")} unchecked${via}`;
    }),
  }),
});

interface Lookup {
  ix: GoNode;
  /** `m[k]` without spaces: identity of map and key within the function. */
  key: string;
  mapText: string;
  /** The pointer type stored in the map, and what it points to. */
  valueType: GoType;
  pointee: GoType;
}

/** `m[k]` on a map whose values are pointers. */
function pointerLookup(ir: PackageIR, scopes: FileScopes, ix: GoNode): Lookup | null {
  const op = ix.field("operand");
  const index = ix.field("index");
  if (!op || !index) return null;
  const mt = underlying(ir, scopes.typeOf(op));
  if (mt.k !== "map") return null;
  const vt = underlying(ir, mt.val);
  if (vt.k !== "ptr") return null;
  return { ix, key: `${exprKey(op)}[${exprKey(index)}]`, mapText: op.text.replace(/\s+/g, ""), valueType: mt.val, pointee: vt.elem };
}

/** The dereference `n` takes part in, if any: `*n`, or `n.f` for a field f of the pointee. */
function derefOf(ir: PackageIR, n: GoNode, pointee: GoType): GoNode | null {
  const p = parentOf(n);
  if (!p) return null;
  if (p.type === "unary_expression" && opOf(p) === "*") return p;
  if (p.type === "selector_expression" && p.field("operand") && stripParens(p.field("operand")!) === stripParens(n)) {
    const name = p.field("field")?.text ?? "";
    return lookupField(ir, pointee, name) ? p : null;
  }
  return null;
}

/**
 * Values that come from outside the package: parameters of an exported
 * function or method, request parameters anywhere (handlers: `*http.Request`
 * and the web frameworks' contexts, outside-input.ts), and
 * locals computed from them by assignment (`token := r.Header.Get(...)`).
 * Range variables are not followed: iterating a caller's collection and
 * indexing a map the code filled from it is the invariant-based shape that
 * makes most unchecked lookups correct.
 */
function externalValues(ir: PackageIR, inspect: Inspector, scopes: FileScopes, decl: GoNode): Set<LocalVar> {
  const out = new Set<LocalVar>();
  const addParams = (f: GoNode, all: boolean) => {
    for (const pd of f.field("parameters")?.children ?? []) {
      for (const name of pd.fieldAll("name")) {
        const v = scopes.resolve(name);
        if (v && (all || isRequestType(ir, v.type))) out.add(v);
      }
    }
  };
  addParams(decl, funcOfDecl(ir, decl)?.exported === true);
  for (const lit of inspect.within(decl, "func_literal")) addParams(lit, false);
  if (!out.size) return out;
  // Assignments, in source order, twice (loops).
  const stmts = ["short_var_declaration", "assignment_statement", "var_spec"].flatMap((t) => inspect.within(decl, t)).sort((a, b) => a.start - b.start);
  for (let pass = 0; pass < 2; pass++) {
    for (const st of stmts) {
      const right = st.type === "var_spec" ? st.field("value") : st.field("right");
      if (!right) continue;
      const tainted = inspect.within(right, "identifier", { skipFuncLits: true }).some((n) => {
        const v = scopes.resolve(n);
        return v !== undefined && out.has(v);
      });
      if (!tainted) continue;
      const left = st.type === "var_spec" ? st.fieldAll("name") : st.field("left")?.children ?? [];
      for (const l of left) {
        if (l.type !== "identifier") continue;
        const v = scopes.resolve(l);
        if (v) out.add(v);
      }
    }
  }
  return out;
}

function checkFunction(ir: PackageIR, inspect: Inspector, scopes: FileScopes, decl: GoNode): UncheckedDeref[] {
  const lookups: Lookup[] = [];
  for (const n of inspect.within(decl, "index_expression")) {
    const l = pointerLookup(ir, scopes, n);
    if (l) lookups.push(l);
  }
  if (!lookups.length) return [];
  const outside = externalValues(ir, inspect, scopes, decl);
  const fromOutside = (l: Lookup) =>
    inspect.within(l.ix.field("index")!, "identifier").some((n) => {
      const v = scopes.resolve(n);
      return v !== undefined && outside.has(v);
    });
  const guards = collectGuards(inspect, lookups, decl);
  const guarded = (key: string, at: GoNode): boolean => {
    for (const g of guards.get(key) ?? []) {
      if (g.start < at.start) return true;
      if (loopsAround(at, decl).some((l) => contains(l, g))) return true;
    }
    return rangeKeyGuard(at, key);
  };

  const file = scopes.file;
  const out: UncheckedDeref[] = [];
  const reportedKeys = new Set<string>();
  for (const l of lookups) {
    // Keys computed inside the package (loop variables, ids the code just stored) usually exist by
    // construction; a key that comes from a caller or a request may be anything.
    if (!fromOutside(l)) continue;
    // Direct: *m[k], m[k].f
    const d = derefOf(ir, l.ix, l.pointee);
    if (d) {
      if (reportedKeys.has(l.key) || guarded(l.key, l.ix)) continue;
      reportedKeys.add(l.key);
      out.push({ node: d, file, map: l.mapText, valueType: l.valueType, lookup: l.ix, variable: null });
      continue;
    }
    // Through a variable: p := m[k]; ... *p
    const target = assignedVariable(l.ix);
    if (!target) continue;
    const local = scopes.resolve(target.ident);
    if (!local) continue;
    if (guarded(l.key, l.ix)) continue;
    for (const u of scopes.uses(local)) {
      if (u.start < target.after) continue;
      if (isStoreTarget(u) || isNilComparison(u) || isAddressTaken(u)) break;
      const arg = argumentOf(u);
      if (arg && !/^(fmt|log)\./.test(calleeText(arg.call))) break;
      const dr = derefOf(ir, u, l.pointee);
      if (dr) {
        out.push({ node: dr, file, map: l.mapText, valueType: l.valueType, lookup: l.ix, variable: local.name });
        break;
      }
    }
  }
  return out;
}

/**
 * Guards per lookup key: comma-ok lookups, nil comparisons, stores of a
 * non-nil value under the same map and key, and calls that get the key and the
 * map (or its owner) and so may store it.
 */
function collectGuards(inspect: Inspector, lookups: Lookup[], decl: GoNode): Map<string, GoNode[]> {
  const guards = new Map<string, GoNode[]>();
  const add = (k: string, n: GoNode) => {
    let a = guards.get(k);
    if (!a) guards.set(k, (a = []));
    a.push(n);
  };
  // A call that is given the key and either the map or the map's owner (`c.load(k)`, `ensure(m, k)`) may store it.
  const calls = inspect.within(decl, "call_expression");
  for (const l of lookups) {
    const keyText = exprKey(l.ix.field("index")!);
    const mapText = exprKey(l.ix.field("operand")!);
    const owner = mapText.includes(".") ? mapText.slice(0, mapText.lastIndexOf(".")) : null;
    for (const c of calls) {
      const args = (c.field("arguments")?.children ?? []).map(exprKey);
      if (!args.includes(keyText)) continue;
      const fn = c.field("function");
      const recv = fn?.type === "selector_expression" ? exprKey(fn.field("operand")!) : null;
      if (args.includes(mapText) || (owner !== null && recv === owner)) add(l.key, c);
    }
  }
  for (const l of lookups) {
    const ix = l.ix;
    if (isNilComparison(ix)) add(l.key, ix);
    const p = parentOf(ix);
    // v, ok := m[k] / v, ok = m[k]
    if (p?.type === "expression_list" && p.children.length === 1) {
      const stmt = p.parent;
      if (stmt && (stmt.type === "short_var_declaration" || stmt.type === "assignment_statement") && stmt.field("right") === p) {
        const left = stmt.field("left")?.children ?? [];
        if (left.length === 2 && left[1]!.text !== "_") add(l.key, ix);
      }
      if (stmt?.type === "var_spec" && stmt.fieldAll("name").length === 2 && stmt.fieldAll("name")[1]!.text !== "_") add(l.key, ix);
    }
    // m[k] = v (v not nil)
    if (isStoreTarget(ix)) {
      const list = parentOf(ix);
      const stmt = list?.parent;
      if (stmt?.type === "assignment_statement" && opOf(stmt) === "=") {
        const left = list!.children;
        const right = stmt.field("right")?.children ?? [];
        const v = right.length === left.length ? right[left.indexOf(ix)] : undefined;
        if (!v || !isNil(v)) add(l.key, ix);
      }
    }
  }
  return guards;
}

/** `for k := range m { ... m[k] ... }`: the key was just seen in the map. */
function rangeKeyGuard(at: GoNode, key: string): boolean {
  for (let p = at.parent; p; p = p.parent) {
    if (p.type !== "for_statement") continue;
    const rc = p.children.find((c) => c.type === "range_clause");
    const right = rc?.field("right");
    const k = rc?.field("left")?.children[0];
    if (right && k && key === `${exprKey(right)}[${exprKey(k)}]`) return true;
  }
  return false;
}

/** `p := m[k]`, `var p = m[k]`, `p = m[k]` (single value): p's identifier and where its uses start. */
function assignedVariable(ix: GoNode): { ident: GoNode; after: number } | null {
  const list = parentOf(ix);
  if (!list || list.type !== "expression_list") return null;
  const stmt = list.parent;
  if (!stmt) return null;
  if (stmt.type === "short_var_declaration" || stmt.type === "assignment_statement") {
    if (stmt.field("right") !== list) return null;
    if (stmt.type === "assignment_statement" && opOf(stmt) !== "=") return null;
    const left = stmt.field("left")?.children ?? [];
    const right = list.children;
    // `p, _ := m[k]` drops the ok: as unchecked as `p := m[k]`.
    const dropsOk = left.length === 2 && right.length === 1 && left[1]!.text === "_";
    if (left.length !== right.length && !dropsOk) return null;
    const id = dropsOk ? left[0] : left[right.indexOf(ix)];
    if (!id || id.type !== "identifier" || id.text === "_") return null;
    return { ident: id, after: stmt.end };
  }
  if (stmt.type === "var_spec") {
    const names = stmt.fieldAll("name");
    const right = list.children;
    if (names.length !== right.length) return null;
    const id = names[right.indexOf(ix)];
    if (!id || id.text === "_") return null;
    return { ident: id, after: stmt.end };
  }
  return null;
}

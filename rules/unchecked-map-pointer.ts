/**
 * unchecked-map-pointer: a pointer read from a map is dereferenced with no
 * check that it is there. A missing key yields the zero value, a nil pointer,
 * and `*m[k]`, `(*m[k])[i]`, `m[k].f`, or `p := m[k]; *p` then crash with
 * SIGSEGV (seed 004's `map[string]*[]byte` incident).
 *
 * Guards that keep it quiet, looked for earlier in the same function (or in a
 * loop around the dereference): a comma-ok lookup of the same map and key
 * (`p, ok := m[k]`), a nil comparison (`p == nil`, `m[k] != nil`), a store
 * of a non-nil value under the same key expression (`m[k] = &b`), a range
 * over the same map whose key is the index. For `p := m[k]` the first use of
 * p decides: a dereference is reported, a nil check, a reassignment, `&p`, or
 * handing p to a function (which may check it) ends the search quietly.
 *
 * Only lookups whose key comes from outside the package are reported: a
 * parameter of an exported function or method, or of an HTTP handler's
 * request, or a local computed from one. Keys the code computes itself
 * (range variables, ids it just stored) mostly exist by construction.
 */
import type { GoRule } from "../src/eslint/rule.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import { underlying } from "../src/ir/index.js";
import { lookupField } from "../src/ir/lookup.js";
import { typeString } from "../src/ir/type-expr.js";
import type { GoType, PackageIR } from "../src/ir/types.js";
import { scopesOf, type FileScopes, type LocalVar } from "../src/ir/scopes.js";
import type { GoNode } from "../src/parse/node.js";
import { servicesOf } from "./util/map-syntax.js";
import {
  argumentOf,
  calleeText,
  contains,
  exprKey,
  funcOfDecl,
  isAddressTaken,
  isNil,
  isNilComparison,
  isStoreTarget,
  loopsAround,
  opOf,
  parentOf,
  stripParens,
  walk,
} from "./util/map-syntax.js";

export const uncheckedMapPointer: GoRule = {
  meta: {
    type: "problem",
    docs: {
      description: "A pointer read from a map is dereferenced without checking that the key was present and the pointer is not nil.",
      checklist: ["DP-6"],
      cwe: [476],
      category: "memory-safety",
      defaultSeverity: "warning",
      precision: "high",
      securitySeverity: "5.3",
      recommended: true,
    },
    messages: {
      direct:
        "Pointer read from map {{map}} is dereferenced without a nil check: `{{expr}}`. A missing key (or a stored nil) gives a nil {{valueType}}, and dereferencing it panics (SIGSEGV, invalid memory address or nil pointer dereference). Check it first: `p, ok := {{lookup}}; if !ok || p == nil { ... }`.",
      variable:
        "Pointer {{name}}, read from map {{map}} on line {{line}}, is dereferenced without a nil check: `{{expr}}`. A missing key (or a stored nil) gives a nil {{valueType}}, and dereferencing it panics (SIGSEGV, invalid memory address or nil pointer dereference). Check it first: `{{name}}, ok := {{lookup}}; if !ok || {{name}} == nil { ... }`.",
    },
    schema: [],
    languages: ["go-hazard/go"],
  },
  create(context) {
    return {
      source_file(root) {
        const services = servicesOf(context);
        if (!services) return;
        const { ir, file } = services;
        const scopes = scopesOf(ir, file);
        for (const decl of root.children) {
          if (decl.type !== "function_declaration" && decl.type !== "method_declaration") continue;
          const body = decl.field("body");
          if (!body) continue;
          for (const f of checkFunction(ir, scopes, decl)) {
            const related = f.lookup ? [{ ...span(f.lookup, file.file.relPath), message: `${f.name} is read from ${f.map} here` }] : [];
            reportWithEvidence(
              context,
              { node: f.node, messageId: f.lookup ? "variable" : "direct", data: { map: f.map, expr: oneLine(f.node.text), valueType: f.valueType, lookup: f.lookupText, name: f.name, line: f.lookup ? f.lookup.loc.start.line : 0 } },
              { related, fingerprintParts: [f.map, f.lookup ? "variable" : "direct"], object: f.map },
            );
          }
        }
      },
    };
  },
};

interface Finding {
  node: GoNode;
  map: string;
  valueType: string;
  /** `m[k]` as written. */
  lookupText: string;
  /** For `p := m[k]`: the lookup and p's name. */
  lookup: GoNode | null;
  name: string;
}

function span(n: GoNode, file: string) {
  const { start, end } = n.loc;
  return { file, line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, " ");
  return t.length > 60 ? t.slice(0, 57) + "..." : t;
}

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
  if (ix.type !== "index_expression") return null;
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
 * function or method, `*http.Request` parameters anywhere (handlers), and
 * locals computed from them by assignment (`token := r.Header.Get(...)`).
 * Range variables are not followed: iterating a caller's collection and
 * indexing a map the code filled from it is the invariant-based shape that
 * makes most unchecked lookups correct.
 */
function externalValues(ir: PackageIR, scopes: FileScopes, decl: GoNode): Set<LocalVar> {
  const out = new Set<LocalVar>();
  const fn = funcOfDecl(ir, decl);
  const addParams = (f: GoNode, all: boolean) => {
    for (const pd of f.field("parameters")?.children ?? []) {
      const isRequest = /^\*\s*http\.Request$/.test(pd.field("type")?.text ?? "");
      if (!all && !isRequest) continue;
      for (const name of pd.fieldAll("name")) {
        const v = scopes.resolve(name);
        if (v) out.add(v);
      }
    }
  };
  addParams(decl, fn?.exported === true);
  walk(decl, (n) => {
    if (n.type === "func_literal") addParams(n, false);
  });
  if (!out.size) return out;
  // Assignments, in source order, twice (loops).
  const stmts: GoNode[] = [];
  walk(decl, (n) => {
    if (n.type === "short_var_declaration" || n.type === "assignment_statement" || n.type === "var_spec") stmts.push(n);
  });
  for (let pass = 0; pass < 2; pass++) {
    for (const st of stmts) {
      const right = st.type === "var_spec" ? st.field("value") : st.field("right");
      if (!right) continue;
      let tainted = false;
      walk(right, (n) => {
        if (n.type === "func_literal") return false;
        if (n.type === "identifier") {
          const v = scopes.resolve(n);
          if (v && out.has(v)) tainted = true;
        }
        return !tainted;
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

function checkFunction(ir: PackageIR, scopes: FileScopes, decl: GoNode): Finding[] {
  const lookups: Lookup[] = [];
  walk(decl, (n) => {
    if (n.type === "index_expression") {
      const l = pointerLookup(ir, scopes, n);
      if (l) lookups.push(l);
    }
  });
  if (!lookups.length) return [];
  const outside = externalValues(ir, scopes, decl);
  const fromOutside = (l: Lookup) => {
    let hit = false;
    walk(l.ix.field("index")!, (n) => {
      if (n.type === "identifier") {
        const v = scopes.resolve(n);
        if (v && outside.has(v)) hit = true;
      }
      return !hit;
    });
    return hit;
  };
  const guards = collectGuards(lookups, decl);
  const guarded = (key: string, at: GoNode): boolean => {
    for (const g of guards.get(key) ?? []) {
      if (g.range[0] < at.range[0]) return true;
      if (loopsAround(at, decl).some((l) => contains(l, g))) return true;
    }
    return rangeKeyGuard(at, key);
  };

  const out: Finding[] = [];
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
      out.push({ node: d, map: l.mapText, valueType: typeString(l.valueType), lookupText: l.ix.text.replace(/\s+/g, ""), lookup: null, name: "" });
      continue;
    }
    // Through a variable: p := m[k]; ... *p
    const target = assignedVariable(l.ix);
    if (!target) continue;
    const local = scopes.resolve(target.ident);
    if (!local) continue;
    if (guarded(l.key, l.ix)) continue;
    const uses: GoNode[] = [];
    walk(local.func, (n) => {
      if (n.type === "identifier" && n.text === local.name && n.range[0] >= target.after && scopes.resolve(n) === local) uses.push(n);
    });
    uses.sort((a, b) => a.range[0] - b.range[0]);
    for (const u of uses) {
      if (isStoreTarget(u) || isNilComparison(u) || isAddressTaken(u)) break;
      const arg = argumentOf(u);
      if (arg && !/^(fmt|log)\./.test(calleeText(arg.call))) break;
      const dr = derefOf(ir, u, l.pointee);
      if (dr) {
        out.push({ node: dr, map: l.mapText, valueType: typeString(l.valueType), lookupText: l.ix.text.replace(/\s+/g, ""), lookup: l.ix, name: local.name });
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
function collectGuards(lookups: Lookup[], decl: GoNode): Map<string, GoNode[]> {
  const guards = new Map<string, GoNode[]>();
  const add = (k: string, n: GoNode) => {
    let a = guards.get(k);
    if (!a) guards.set(k, (a = []));
    a.push(n);
  };
  // A call that is given the key and either the map or the map's owner (`c.load(k)`, `ensure(m, k)`) may store it.
  const calls: GoNode[] = [];
  walk(decl, (n) => {
    if (n.type === "call_expression") calls.push(n);
  });
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
    return { ident: id, after: stmt.range[1] };
  }
  if (stmt.type === "var_spec") {
    const names = stmt.fieldAll("name");
    const right = list.children;
    if (names.length !== right.length) return null;
    const id = names[right.indexOf(ix)];
    if (!id || id.text === "_") return null;
    return { ident: id, after: stmt.range[1] };
  }
  return null;
}

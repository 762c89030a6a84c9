/**
 * Expressions: what an expression denotes (the value identities it may
 * hold, values.ts) and the reads it makes on the way: map and element reads,
 * channel receives, composite literals whose fields take values, function
 * values.
 */
import type { GoNode } from "../../parse/node.js";
import type { FuncIR, GoType } from "../../ir/types.js";
import { lookupField, lookupMethod } from "../../ir/lookup.js";
import { fileOfNode } from "../../ir/node-index.js";
import { derefType, typeFromNode, UNKNOWN } from "../../ir/type-expr.js";
import { enclosingFunc, stripParens } from "../../ir/syntax.js";
import { elemOf, fieldOf, funcValue, globalValue, keyedElemOf, literalValue, symValue, windowOf } from "../values.js";
import { Env, type FuncVal, type WalkState } from "../state.js";
import { WalkCore } from "./core.js";
import { addHops, mapAll, MAX_VALUES, NO_VALUES } from "./common.js";

export abstract class ExpressionWalker extends WalkCore {
  /** Calls are the call walker's (calls.ts). */
  protected abstract evalCall(call: GoNode, env: Env, st: WalkState): ReadonlySet<string>[];
  /** A struct's field `field` set to `value`: a pointer-to-mutex field set to `&x.mu` aliases that lock (see lockAliases). */
  protected abstract noteMutexPointerStore(owner: GoType, field: string, value: GoNode, env: Env, st: WalkState): void;


  /** Identity of the storage an expression names (for locks and WaitGroups: the variable itself, not its content). */
  protected locOf(e: GoNode, env: Env, st: WalkState): ReadonlySet<string> {
    const x = stripParens(e);
    if (x.type === "identifier") {
      const sym = env.lookup(x.text);
      if (sym) {
        const t = this.under(sym.type);
        // Reference-like values are identified by what they hold; struct values (a Mutex, a WaitGroup) by the variable.
        if (t.k === "ptr" || t.k === "map" || t.k === "slice" || t.k === "chan" || t.k === "func" || t.k === "unknown" || t.k === "iface") {
          return sym.values.size ? new Set(sym.values) : new Set([symValue(sym.id)]);
        }
        return new Set([symValue(sym.id)]);
      }
      if (this.ir.vars.has(x.text)) return new Set([globalValue(x.text)]);
      return NO_VALUES;
    }
    if (x.type === "unary_expression") {
      const op = x.field("operator")?.text;
      const operand = x.field("operand");
      if ((op === "&" || op === "*") && operand) return this.locOf(operand, env, st);
      return NO_VALUES;
    }
    return this.evalExpr(x, env, st);
  }

  /** Evaluates an expression for its reads and returns the identities it denotes (empty when unknown). */
  evalExpr(e: GoNode, env: Env, st: WalkState): ReadonlySet<string> {
    this.step();
    switch (e.type) {
      case "identifier": {
        const sym = env.lookup(e.text);
        if (sym) return sym.values.size ? new Set(sym.values) : new Set([symValue(sym.id)]);
        if (this.ir.vars.has(e.text) && !this.ir.vars.get(e.text)!.isConst) {
          const key = globalValue(e.text);
          if (!this.out.origins.has(key)) this.out.origins.set(key, { node: this.ir.vars.get(e.text)!.node, file: this.ir.vars.get(e.text)!.file });
          return new Set([key]);
        }
        const decl = this.ir.funcs.get(e.text);
        if (decl) return new Set([this.declVal(decl, null).key]);
        return NO_VALUES;
      }
      case "parenthesized_expression":
        return e.children[0] ? this.evalExpr(e.children[0], env, st) : NO_VALUES;
      // `f(s...)` passes s itself as the variadic parameter.
      case "variadic_argument":
        return e.children[0] ? this.evalExpr(e.children[0], env, st) : NO_VALUES;
      case "selector_expression": {
        const operand = e.field("operand")!;
        const name = e.field("field")?.text ?? "";
        if (operand.type === "identifier" && this.infer.importPath(st.frame.file, operand.text, this.localsOf(env)) !== undefined) return NO_VALUES;
        const t = this.typeOf(operand, env, st);
        const base = this.heapBases(this.locOf(operand, env, st), t, st);
        const field = lookupField(this.ir, t, name);
        if (field) {
          const path = [...field.hops, name].join(".");
          const out = new Set<string>();
          for (const b of base) {
            const key = fieldOf(b, path);
            if (!key) continue;
            out.add(key);
            if (!this.out.origins.has(key)) this.out.origins.set(key, { node: field.field.node, file: fileOfNode(this.ir, field.field.node) ?? st.frame.file });
          }
          return out;
        }
        const method = lookupMethod(this.ir, t, name);
        if (method) return new Set([this.declVal(method.method, addHops(base, method.hops)).key]);
        return NO_VALUES;
      }
      case "index_expression": {
        const operand = e.field("operand")!;
        const index = e.field("index");
        const vals = this.evalExpr(operand, env, st);
        if (index) this.evalExpr(index, env, st);
        const t = this.typeOf(operand, env, st);
        const u = this.under(derefType(this.under(t)));
        if (u.k === "map") this.record("read", vals, operand, e, env, st, t, index);
        else if (u.k === "slice") this.record("elem-read", vals, operand, e, env, st, t, index);
        // Values under two different constant keys are two objects; under any other key, one summary.
        const lit = u.k === "map" && index && isLiteral(index) ? index.text : null;
        return mapAll(vals, (v) => (lit === null ? elemOf(v) : keyedElemOf(v, lit)));
      }
      case "slice_expression": {
        const operand = e.field("operand")!;
        let perIterationBound = false;
        for (const f of ["start", "end", "capacity"]) {
          const n = e.field(f);
          if (!n) continue;
          this.evalExpr(n, env, st);
          // Only a start that moves with the iteration separates the parts: buf[:n] always overlaps.
          if (f === "start") perIterationBound ||= this.mentionsPerIterationVar(n, env, st);
        }
        const vals = this.evalExpr(operand, env, st);
        // buf[i*n:(i+1)*n] with i from the loop: each iteration gets its own part of the array.
        if (perIterationBound && vals.size) return new Set([this.alloc(e, st, this.typeOf(operand, env, st))]);
        // buf[off:] is another window into the array: treated as its own object (two windows
        // with different starts are usually disjoint: a header and a body), so only accesses
        // through the same window are paired. Precision first.
        const start = e.field("start");
        if (start && !(start.type === "int_literal" && Number(start.text) === 0)) {
          // Re-slicing a window (`s = s[n:]` in a loop) stays in the same family of windows.
          return mapAll(vals, (v) => windowOf(v, start.text));
        }
        return vals;
      }
      case "unary_expression": {
        const op = e.field("operator")?.text;
        const operand = e.field("operand");
        if (!operand) return NO_VALUES;
        if (op === "&") {
          const inner = stripParens(operand);
          if (inner.type === "composite_literal") return this.evalExpr(inner, env, st);
          return this.locOf(operand, env, st);
        }
        if (op === "<-") {
          const chans = this.evalExpr(operand, env, st);
          const out = new Set<string>();
          for (const k of chans) {
            this.event(k, "wait", st, true);
            const contents = this.chanContents.get(k);
            if (!this.chanReads.has(k)) this.chanReads.set(k, contents?.size ?? 0);
            for (const v of contents ?? []) out.add(v);
          }
          return out;
        }
        const vals = this.evalExpr(operand, env, st);
        return op === "*" ? vals : NO_VALUES;
      }
      case "call_expression":
        return this.evalCall(e, env, st)[0] ?? NO_VALUES;
      case "composite_literal": {
        const body = e.field("body");
        const t = typeFromNode(e.field("type"), st.frame.file.imports);
        const key = this.alloc(e, st, t);
        if (body) this.evalLiteralBody(body, key, t, env, st);
        return new Set([key]);
      }
      case "func_literal":
        return new Set([this.literalVal(e, env, st).key]);
      case "binary_expression": {
        const l = e.field("left");
        const r = e.field("right");
        if (l) this.evalExpr(l, env, st);
        if (r) this.evalExpr(r, env, st);
        return NO_VALUES;
      }
      case "type_assertion_expression":
      case "type_conversion_expression": {
        const operand = e.field("operand");
        return operand ? this.evalExpr(operand, env, st) : NO_VALUES;
      }
      case "expression_list": {
        for (const c of e.children) this.evalExpr(c, env, st);
        return NO_VALUES;
      }
      default:
        return NO_VALUES;
    }
  }

  /** Composite literal elements: struct fields that hold maps or function values flow into `key.field`. */
  protected evalLiteralBody(body: GoNode, key: string, t: GoType, env: Env, st: WalkState): void {
    for (const el of body.children) {
      if (el.type === "keyed_element") {
        const k = el.field("key");
        const v = el.field("value");
        const valueExpr = v?.children[0];
        if (valueExpr) {
          if (valueExpr.type === "literal_value") this.evalLiteralBody(valueExpr, key, UNKNOWN, env, st);
          else this.evalExpr(valueExpr, env, st);
          const fieldName = k?.children[0];
          if (valueExpr.type !== "literal_value" && fieldName?.type === "identifier" && this.under(t).k === "struct") {
            this.aliasField(valueExpr, `${key}.${fieldName.text}`, env);
            this.noteMutexPointerStore(t, fieldName.text, valueExpr, env, st);
          }
        }
        // Keys of map literals are expressions; struct keys are field names (not evaluated).
        if (k && this.under(t).k === "map") {
          const ke = k.children[0];
          if (ke && ke.type !== "literal_value") this.evalExpr(ke, env, st);
        }
      } else if (el.type === "literal_element") {
        const valueExpr = el.children[0];
        if (valueExpr && valueExpr.type !== "literal_value") this.evalExpr(valueExpr, env, st);
        else if (valueExpr) this.evalLiteralBody(valueExpr, key, UNKNOWN, env, st);
      }
    }
  }

  /**
   * `r := &Reg{byName: m}` or `r.byName = m`: the local `m` and the field now hold one map.
   * The field keeps its path identity (what other functions see); the local gains it too.
   */
  protected aliasField(valueExpr: GoNode, fieldKey: string, env: Env): void {
    const v = stripParens(valueExpr);
    if (v.type !== "identifier") return;
    const sym = env.lookup(v.text);
    if (!sym) return;
    const u = this.under(sym.type).k;
    if (u === "map" || u === "slice" || u === "unknown") sym.values.add(fieldKey);
  }

  /** Identities of a field selector without recording accesses (`x.f` → `<x>.f`). */
  protected evalFieldKeys(sel: GoNode, env: Env, st: WalkState): string[] {
    const operand = sel.field("operand");
    const name = sel.field("field")?.text;
    if (!operand || !name) return [];
    const t = this.typeOf(operand, env, st);
    const field = lookupField(this.ir, t, name);
    if (!field) return [];
    const path = [...field.hops, name].join(".");
    return [...this.heapBases(this.locOf(operand, env, st), t, st)].map((b) => fieldOf(b, path)).filter((k): k is string => k !== null);
  }

  /** Records the flow of `vals` into a local variable. Fields and globals keep their path identity. */
  protected assignTo(target: GoNode, vals: ReadonlySet<string>, env: Env, _st: WalkState): void {
    const t = stripParens(target);
    if (t.type === "identifier") {
      const sym = env.lookup(t.text);
      // A variable that has held many objects is already imprecise; more only costs time.
      if (sym) for (const v of vals) if (sym.values.size < MAX_VALUES) sym.values.add(v);
      // Assigned again: it no longer says whether a TryLock succeeded.
      if (sym?.tryLock) delete sym.tryLock;
    } else if (t.type === "unary_expression" && t.field("operator")?.text === "*") {
      // *p = v: p's pointee now holds v; we conflate pointer and pointee, nothing to record.
    }
  }

  protected literalVal(lit: GoNode, env: Env, st: WalkState): FuncVal {
    const key = literalValue(st.frame.file.file.relPath, lit.start, this.funcVals.size);
    const fv: FuncVal = { key, decl: null, literal: lit, env, file: st.frame.file, recv: null, name: `func literal at ${st.frame.file.file.relPath}:${lit.loc.start.line}` };
    this.funcVals.set(key, fv);
    return fv;
  }

  protected declVal(decl: FuncIR, recv: ReadonlySet<string> | null): FuncVal {
    const key = funcValue(decl.key, recv ? [...recv].sort() : []);
    let fv = this.funcVals.get(key);
    if (!fv) {
      fv = { key, decl, literal: null, env: null, file: decl.file, recv, name: decl.key };
      this.funcVals.set(key, fv);
    }
    return fv;
  }

  /** Values and types of a right-hand side list, spreading a multi-value call or comma-ok form over `n` targets. */
  protected evalList(right: GoNode[], n: number, env: Env, st: WalkState): Array<{ vals: ReadonlySet<string>; type: GoType }> {
    if (right.length === 1 && n > 1) {
      const e = right[0]!;
      const bare = stripParens(e);
      if (bare.type === "call_expression") {
        const results = this.evalCall(bare, env, st);
        const types = this.infer.callResults(bare, st.frame.file, this.localsOf(env));
        return Array.from({ length: n }, (_, i) => ({ vals: results[i] ?? NO_VALUES, type: types[i] ?? UNKNOWN }));
      }
      // comma-ok: v, ok := m[k] / x.(T) / <-ch
      const vals = this.evalExpr(e, env, st);
      return [{ vals, type: this.typeOf(e, env, st) }, { vals: new Set(), type: { k: "basic", name: "bool" } }];
    }
    return right.map((e) => ({ vals: this.evalExpr(e, env, st), type: this.typeOf(e, env, st) }));
  }

  /**
   * `m := c.items; c.items = make(...)` (swap under lock, then use outside it): the local
   * holds the old map, which no one else can reach any more. When the field is stored to
   * later in the same function, the loaded value is treated as a fresh object.
   */
  protected detachIfSwapped(rhs: GoNode, vals: ReadonlySet<string>, type: GoType, st: WalkState): ReadonlySet<string> {
    const r = stripParens(rhs);
    if (r.type !== "selector_expression" || !vals.size) return vals;
    const u = this.under(type).k;
    if (u !== "map" && u !== "slice") return vals;
    const field = r.field("field")?.text;
    const fn = enclosingFunc(r);
    if (!field || !fn) return vals;
    let stores = this.fieldStores.get(fn);
    if (!stores) this.fieldStores.set(fn, (stores = collectFieldStores(fn)));
    if (!stores.some((x) => x.field === field && x.offset > r.end)) return vals;
    return new Set([this.alloc(r, st, type)]);
  }
}

function isLiteral(n: GoNode): boolean {
  const x = stripParens(n);
  return x.type === "interpreted_string_literal" || x.type === "raw_string_literal" || x.type === "int_literal" || x.type === "rune_literal";
}

/** `x.f = ...` stores in a function body (not in nested literals): field name and position. */
function collectFieldStores(fn: GoNode): Array<{ field: string; offset: number }> {
  const out: Array<{ field: string; offset: number }> = [];
  const stack: GoNode[] = [...fn.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === "func_literal") continue;
    if (n.type === "assignment_statement") {
      for (const l of n.field("left")?.children ?? []) {
        const t = stripParens(l);
        if (t.type === "selector_expression") out.push({ field: t.field("field")?.text ?? "", offset: t.start });
      }
    }
    for (const x of n.children) stack.push(x);
  }
  return out;
}

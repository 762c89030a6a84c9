/**
 * The callgraph analyzer: which package function or method a call (or a
 * function value) names, and where each package function is referred to.
 *
 * Resolution is static and local: `f(...)` is the package function f unless a
 * local shadows the name; `x.m(...)` is the method m of x's static type (a type
 * of this package, pointer or value receiver, through embedded fields), not
 * an interface's. Calls through interfaces, imported packages and function
 * values are unknown (null). Built lazily: a method call's operand is typed
 * only when someone asks about a method of that name.
 */
import type { FileIR, FuncIR, PackageIR } from "../../ir/types.js";
import type { GoNode } from "../../parse/node.js";
import { underlying } from "../../ir/index.js";
import { lookupMethod } from "../../ir/lookup.js";
import { fileOfNode, funcOfDecl } from "../../ir/node-index.js";
import { derefType } from "../../ir/type-expr.js";
import { enclosingDecl, stripParens } from "../../ir/syntax.js";
import { defineAnalyzer } from "../framework.js";
import { inspectAnalyzer, type Inspector } from "./inspect.js";
import { scopesAnalyzer, type Scopes } from "./scopes.js";

export interface References {
  /** Calls of the function (`f(...)`, `x.m(...)`), in package order. */
  calls: readonly GoNode[];
  /** Other uses: the name as a value (`once.Do(f)`, `go f`, `h := x.m`), identifiers or selectors. */
  values: readonly GoNode[];
}

export interface CallGraph {
  /** The package function or method the callee expression of a call names, or null when not known statically. */
  callee(call: GoNode): FuncIR | null;
  /** The function or method an expression names as a value (`f`, `x.m`), or null. */
  funcNamed(expr: GoNode): FuncIR | null;
  /** Where `fn` is called or used as a value in the package. */
  references(fn: FuncIR): References;
  /** Declared functions whose bodies (func literals included) call `fn`, in package order, each once. */
  callers(fn: FuncIR): readonly FuncIR[];
}

export const callGraphAnalyzer = defineAnalyzer<CallGraph>({
  name: "callgraph",
  doc: `Static calls: which package function or method each call names (by name, by the receiver's static type), and the references of each.`,
  requires: [inspectAnalyzer, scopesAnalyzer],
  run(pass) {
    return new StaticCallGraph(pass.ir, pass.resultOf(inspectAnalyzer), pass.resultOf(scopesAnalyzer));
  },
});

class StaticCallGraph implements CallGraph {
  private readonly named = new Map<GoNode, FuncIR | null>();
  private readonly refs = new Map<FuncIR, References>();
  private readonly callerLists = new Map<FuncIR, FuncIR[]>();
  private identsByName: Map<string, GoNode[]> | null = null;
  private selectorsByField: Map<string, GoNode[]> | null = null;

  constructor(
    private readonly ir: PackageIR,
    private readonly inspect: Inspector,
    private readonly scopes: Scopes,
  ) {}

  callee(call: GoNode): FuncIR | null {
    const fn = call.field("function");
    return fn ? this.funcNamed(fn) : null;
  }

  funcNamed(expr: GoNode): FuncIR | null {
    const x = stripParens(expr);
    let hit = this.named.get(x);
    if (hit === undefined) this.named.set(x, (hit = this.resolve(x)));
    return hit;
  }

  references(fn: FuncIR): References {
    let r = this.refs.get(fn);
    if (r) return r;
    const calls: GoNode[] = [];
    const values: GoNode[] = [];
    const candidates = fn.recv ? this.selectors(fn.name) : this.identifiers(fn.name);
    for (const n of candidates) {
      if (n === fn.node.field("name") || this.funcNamed(n) !== fn) continue;
      const p = n.parent;
      if (p?.type === "call_expression" && p.field("function") === n) calls.push(p);
      else values.push(n);
    }
    this.refs.set(fn, (r = { calls, values }));
    return r;
  }

  callers(fn: FuncIR): readonly FuncIR[] {
    let out = this.callerLists.get(fn);
    if (out) return out;
    const seen = new Set<FuncIR>();
    out = [];
    for (const call of this.references(fn).calls) {
      const caller = funcOfDecl(this.ir, enclosingDecl(call));
      if (caller && !seen.has(caller)) {
        seen.add(caller);
        out.push(caller);
      }
    }
    this.callerLists.set(fn, out);
    return out;
  }

  private resolve(x: GoNode): FuncIR | null {
    const file = fileOfNode(this.ir, x);
    if (!file) return null;
    if (x.type === "identifier") {
      if (this.scopes.of(file).resolve(x)) return null;
      const f = this.ir.funcs.get(x.text);
      return f && f.recv === null ? f : null;
    }
    if (x.type === "selector_expression") {
      const operand = x.field("operand");
      const name = x.field("field")?.text;
      if (!operand || !name || this.isImport(file, operand)) return null;
      const base = derefType(this.scopes.of(file).typeOf(operand));
      if (base.k !== "named" || base.pkg !== null || underlying(this.ir, base).k === "iface") return null;
      return lookupMethod(this.ir, base, name)?.method ?? null;
    }
    return null;
  }

  private isImport(file: FileIR, operand: GoNode): boolean {
    return operand.type === "identifier" && file.imports.has(operand.text) && !this.scopes.of(file).resolve(operand) && !this.ir.vars.has(operand.text);
  }

  private identifiers(name: string): readonly GoNode[] {
    if (!this.identsByName) {
      this.identsByName = new Map();
      for (const n of this.inspect.nodes("identifier")) {
        const list = this.identsByName.get(n.text);
        if (list) list.push(n);
        else this.identsByName.set(n.text, [n]);
      }
    }
    return this.identsByName.get(name) ?? [];
  }

  private selectors(field: string): readonly GoNode[] {
    if (!this.selectorsByField) {
      this.selectorsByField = new Map();
      for (const n of this.inspect.nodes("selector_expression")) {
        const f = n.field("field")?.text;
        if (!f) continue;
        const list = this.selectorsByField.get(f);
        if (list) list.push(n);
        else this.selectorsByField.set(f, [n]);
      }
    }
    return this.selectorsByField.get(field) ?? [];
  }
}

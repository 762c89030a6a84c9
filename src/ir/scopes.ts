/**
 * Lexical scopes of one file for syntactic rules: which declaration an
 * identifier refers to, and the static type of any expression in a function
 * body (through TypeInference). Built lazily per file and cached on the FileIR.
 *
 * The analysis walk keeps its own scopes (it needs per-call bindings); this is
 * the simple, flow-insensitive view rules need: "is this `m` the local
 * `var m map[string]int` declared on line 12, and what is its type?".
 */
import type { GoNode } from "../parse/node.js";
import { TypeInference } from "./infer.js";
import { paramsFrom, resultsFrom, typeFromNode, UNKNOWN } from "./type-expr.js";
import type { FileIR, GoType, PackageIR } from "./types.js";

export interface LocalVar {
  name: string;
  /** The identifier node that declares it. */
  decl: GoNode;
  type: GoType;
  kind: "var" | "param" | "result" | "receiver" | "range" | "const";
  /** Innermost function (declaration or literal) that declares it. */
  func: GoNode;
}

interface Scope {
  parent: Scope | null;
  /** Made on the first declaration: most blocks declare nothing. */
  vars: Map<string, LocalVar> | null;
}

const FUNC_TYPES = new Set(["function_declaration", "method_declaration", "func_literal"]);

/** An assignment to a local: what `writes` lists. */
export interface Write {
  /** The identifier written. */
  ident: GoNode;
  /** The statement that writes it. */
  stmt: GoNode;
  /** The value assigned, when it is a plain `=`/`:=` with as many values as targets. */
  value: GoNode | null;
  /** `=`, `:=`, `+=`, `++`, `--`, `range`, `recv`. */
  op: string;
}

export class FileScopes {
  /** identifier node → local it refers to (uses and declarations). */
  private refs = new Map<GoNode, LocalVar>();
  /** local → identifiers referring to it, in source order; made on first use. */
  private usesIndex: Map<LocalVar, GoNode[]> | null = null;
  /** Scope in force at each identifier use, for types of expressions containing it. */
  readonly locals: LocalVar[] = [];
  readonly infer: TypeInference;

  constructor(readonly ir: PackageIR, readonly file: FileIR, infer?: TypeInference) {
    this.infer = infer ?? new TypeInference(ir);
    for (const decl of file.parsed.root.children) {
      if (decl.type === "function_declaration" || decl.type === "method_declaration") this.walkFunc(decl, null);
    }
  }

  /** The local variable an identifier refers to; undefined for package-level names and unknowns. */
  resolve(ident: GoNode): LocalVar | undefined {
    return this.refs.get(ident);
  }

  /** Every identifier that refers to `v` (its declaration included), in source order. */
  uses(v: LocalVar): readonly GoNode[] {
    if (!this.usesIndex) {
      const index = new Map<LocalVar, GoNode[]>();
      for (const [ident, local] of this.refs) {
        const list = index.get(local);
        if (list) list.push(ident);
        else index.set(local, [ident]);
      }
      for (const list of index.values()) list.sort((a, b) => a.start - b.start);
      this.usesIndex = index;
    }
    return this.usesIndex.get(v) ?? [];
  }

  /** Assignments to `v` (`:=` declarations included), in source order. */
  writes(v: LocalVar): Write[] {
    const out: Write[] = [];
    for (const ident of this.uses(v)) {
      const w = writeAt(ident);
      if (w) out.push(w);
    }
    return out;
  }

  /** Static type of an expression, using the locals visible at that point. */
  typeOf(expr: GoNode): GoType {
    return this.infer.typeOf(expr, this.file, (name) => this.lookupAt(expr, name)?.type);
  }

  /** Declaration of `name` as seen from `at` (by finding any resolved use of that name in an enclosing scope). */
  lookupAt(at: GoNode, name: string): LocalVar | undefined {
    // Find the identifier named `name` inside `at` that we resolved; otherwise walk up to the
    // nearest enclosing node that declares it.
    const stack: GoNode[] = [at];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === "identifier" && n.text === name) return this.refs.get(n);
      for (const c of n.children) stack.push(c);
    }
    return undefined;
  }

  private declare(scope: Scope, ident: GoNode, type: GoType, kind: LocalVar["kind"], func: GoNode): void {
    if (ident.text === "_") return;
    const v: LocalVar = { name: ident.text, decl: ident, type, kind, func };
    (scope.vars ??= new Map()).set(ident.text, v);
    this.refs.set(ident, v);
    this.locals.push(v);
  }

  private lookup(scope: Scope | null, name: string): LocalVar | undefined {
    for (let s = scope; s; s = s.parent) {
      const v = s.vars?.get(name);
      if (v) return v;
    }
    return undefined;
  }

  private typeIn(scope: Scope, expr: GoNode | undefined): GoType {
    if (!expr) return UNKNOWN;
    return this.infer.typeOf(expr, this.file, (name) => this.lookup(scope, name)?.type);
  }

  private walkFunc(fn: GoNode, outer: Scope | null): void {
    const scope: Scope = { parent: outer, vars: null };
    const imports = this.file.imports;
    if (fn.type === "method_declaration") {
      for (const p of paramsFrom(fn.field("receiver"), imports)) if (p.node) this.declare(scope, p.node, p.type, "receiver", fn);
    }
    for (const p of paramsFrom(fn.field("parameters"), imports)) if (p.node) this.declare(scope, p.node, p.type, "param", fn);
    for (const r of resultsFrom(fn.field("result"), imports)) if (r.node) this.declare(scope, r.node, r.type, "result", fn);
    const body = fn.field("body");
    if (body) this.walk(body, scope, fn);
  }

  private walk(node: GoNode, scope: Scope, func: GoNode): void {
    switch (node.type) {
      case "func_literal":
        this.walkFunc(node, scope);
        return;
      case "block":
      case "if_statement":
      case "for_statement":
      case "expression_switch_statement":
      case "type_switch_statement":
      case "select_statement":
      case "expression_case":
      case "type_case":
      case "default_case":
      case "communication_case": {
        const inner: Scope = { parent: scope, vars: null };
        if (node.type === "type_switch_statement") {
          const init = node.field("initializer");
          if (init) this.walk(init, inner, func);
          const alias = node.field("alias")?.children[0];
          const value = node.field("value");
          if (value) this.walk(value, inner, func);
          for (const c of node.children) {
            if (c === value || c === init || c.parent !== node || c === node.field("alias")) continue;
            if (alias && (c.type === "type_case" || c.type === "default_case")) {
              const caseScope: Scope = { parent: inner, vars: null };
              const types = c.fieldAll("type");
              const t = types.length === 1 ? typeFromNode(types[0], this.file.imports) : UNKNOWN;
              this.declare(caseScope, alias, t, "var", func);
              for (const x of c.children) this.walk(x, caseScope, func);
            } else this.walk(c, inner, func);
          }
          return;
        }
        const kids = node.children;
        for (let i = 0; i < kids.length; i++) this.walk(kids[i]!, inner, func);
        return;
      }
      case "short_var_declaration": {
        const right = node.field("right")?.children ?? [];
        for (const r of right) this.walk(r, scope, func);
        const left = node.field("left")?.children ?? [];
        const types = this.rhsTypes(scope, right, left.length);
        left.forEach((l, i) => {
          if (l.type !== "identifier") return;
          const redeclared = left.length > 1 ? scope.vars?.get(l.text) : undefined;
          if (redeclared) {
            this.refs.set(l, redeclared);
            return;
          }
          this.declare(scope, l, types[i] ?? UNKNOWN, "var", func);
        });
        return;
      }
      case "var_declaration":
      case "const_declaration": {
        const specs = node.children.flatMap((c) => (c.type === "var_spec_list" ? c.children : [c]));
        for (const spec of specs) {
          const values = spec.field("value")?.children ?? [];
          for (const v of values) this.walk(v, scope, func);
          const declared = typeFromNode(spec.field("type"), this.file.imports);
          const names = spec.fieldAll("name").filter((n) => n.type === "identifier");
          const types = declared.k !== "unknown" ? names.map(() => declared) : this.rhsTypes(scope, values, names.length);
          names.forEach((n, i) => this.declare(scope, n, types[i] ?? UNKNOWN, node.type === "const_declaration" ? "const" : "var", func));
        }
        return;
      }
      case "range_clause": {
        const right = node.field("right");
        if (right) this.walk(right, scope, func);
        const left = node.field("left")?.children ?? [];
        if (node.text.includes(":=")) {
          const [kt, vt] = this.infer.rangeTypes(this.typeIn(scope, right));
          left.forEach((l, i) => {
            if (l.type === "identifier") this.declare(scope, l, i === 0 ? kt : vt, "range", func);
          });
        } else for (const l of left) this.walk(l, scope, func);
        return;
      }
      case "receive_statement": {
        const right = node.field("right");
        if (right) this.walk(right, scope, func);
        const left = node.field("left")?.children ?? [];
        if (node.text.includes(":=")) {
          left.forEach((l, i) => {
            if (l.type === "identifier") this.declare(scope, l, i === 0 ? this.typeIn(scope, right) : { k: "basic", name: "bool" }, "var", func);
          });
        } else for (const l of left) this.walk(l, scope, func);
        return;
      }
      case "identifier": {
        const v = this.lookup(scope, node.text);
        if (v) this.refs.set(node, v);
        return;
      }
      default: {
        const kids = node.children;
        for (let i = 0; i < kids.length; i++) this.walk(kids[i]!, scope, func);
      }
    }
  }

  private rhsTypes(scope: Scope, right: GoNode[], n: number): GoType[] {
    if (right.length === 1 && n > 1) {
      const r = right[0]!;
      if (r.type === "call_expression") return this.infer.callResults(r, this.file, (name) => this.lookup(scope, name)?.type);
      return [this.typeIn(scope, r), { k: "basic", name: "bool" }];
    }
    return right.map((r) => this.typeIn(scope, r));
  }
}

/** The write an identifier stands for, when it is an assignment target. */
export function writeAt(ident: GoNode): Write | null {
  let x = ident;
  while (x.parent?.type === "parenthesized_expression") x = x.parent;
  const parent = x.parent;
  if (!parent) return null;
  if (parent.type === "inc_statement" || parent.type === "dec_statement") {
    return { ident, stmt: parent, value: null, op: parent.type === "inc_statement" ? "++" : "--" };
  }
  if (parent.type !== "expression_list") return null;
  const stmt = parent.parent;
  if (!stmt || stmt.field("left") !== parent) return null;
  switch (stmt.type) {
    case "assignment_statement":
    case "short_var_declaration": {
      const left = parent.children;
      const right = stmt.field("right")?.children ?? [];
      const op = stmt.type === "short_var_declaration" ? ":=" : stmt.field("operator")?.text ?? "=";
      return { ident, stmt, value: right.length === left.length ? right[left.indexOf(x)] ?? null : null, op };
    }
    case "range_clause":
      return { ident, stmt, value: null, op: "range" };
    case "receive_statement":
      return { ident, stmt, value: null, op: "recv" };
    default:
      return null;
  }
}

const cache = new WeakMap<FileIR, FileScopes>();

/** Scopes of a file, built once and shared by all rules of a run. */
export function scopesOf(ir: PackageIR, file: FileIR): FileScopes {
  let s = cache.get(file);
  if (!s) cache.set(file, (s = new FileScopes(ir, file)));
  return s;
}

export function isFuncNode(n: GoNode): boolean {
  return FUNC_TYPES.has(n.type);
}

/**
 * The taint of a size expression in one function: the input it carries (an
 * origin of origins.ts), followed through locals, conversions and arithmetic,
 * unless a bound (bounds.ts) holds before the allocation. `min(n, limit)`,
 * `n % k`, `n & mask`, `n >> k` and 8- or 16-bit values are bounded by
 * themselves; `len(x)` of existing data, parameters, package-level variables
 * and results of package functions carry no input (the analyzer only speaks
 * when it has seen the read).
 */
import { underlying } from "../../ir/index.js";
import type { LocalVar } from "../../ir/scopes.js";
import { args, exprKey, statementOf, unparen, within } from "../../ir/syntax.js";
import { derefType } from "../../ir/type-expr.js";
import type { GoType } from "../../ir/types.js";
import type { GoNode } from "../../parse/node.js";
import type { NoReturn } from "../base/noreturn.js";
import { type SourceEnv } from "../base/outside-input.js";
import { Bounds, type Subject } from "./bounds.js";
import type { Def, InputOrigin } from "./locals.js";
import { Origins, rootIdent, rootVar } from "./origins.js";
import { isBuiltin } from "../../ir/names.js";

/** A tainted size: the origin, and the expression inside the size that carries it (`n` in `n+4`). */
export interface SizeTaint {
  origin: InputOrigin;
  leaf: GoNode;
}

const INT_TYPES: ReadonlySet<string> = new Set(["int", "int32", "int64", "uint", "uint32", "uint64", "uintptr"]);
const NARROW_TYPES: ReadonlySet<string> = new Set(["int8", "uint8", "byte", "int16", "uint16"]);

/** The sizes of one function declaration (function literals included: their locals resolve through the same scopes). */
export class SizeTaints {
  private readonly origins: Origins;
  private readonly bounds: Bounds;
  /** Local-at-point questions in progress (a cycle through assignments carries nothing new). */
  private readonly active = new Set<string>();

  constructor(
    private readonly env: SourceEnv,
    noReturn: NoReturn,
  ) {
    this.origins = new Origins(env);
    this.bounds = new Bounds(env, this.origins, noReturn);
  }

  /** The input a size expression comes from, if it is not bounded before `alloc`. */
  sizeTaint(expr: GoNode, alloc: GoNode): SizeTaint | null {
    return this.taint(expr, expr.start, alloc, 0);
  }

  /** Is the basic type (through named types) at most 16 bits wide? */
  private isNarrow(t: GoType): boolean {
    const u = underlying(this.env.ir, t);
    return u.k === "basic" && NARROW_TYPES.has(u.name);
  }

  private taint(expr: GoNode | undefined, at: number, alloc: GoNode, depth: number): SizeTaint | null {
    const e = unparen(expr);
    if (!e || depth > 24) return null;
    switch (e.type) {
      case "identifier": {
        const v = this.env.scopes.resolve(e);
        if (!v || this.isNarrow(v.type)) return null;
        return this.varTaint(v, at, alloc, depth, { kind: "var", v }, e);
      }
      case "selector_expression":
      case "index_expression":
      case "unary_expression": {
        if (e.type === "unary_expression") {
          const op = e.field("operator")?.text;
          if (op === "-" || op === "+" || op === "^") return this.taint(e.field("operand"), at, alloc, depth + 1);
          if (op !== "*") return null;
        }
        return this.chainTaint(e, at, alloc, depth);
      }
      case "call_expression": {
        const fn = unparen(e.field("function"));
        const a = args(e);
        if (fn?.type === "identifier" && isBuiltin(this.env, fn, fn.text)) {
          if (fn.text === "min") {
            const ts = a.map((x) => this.taint(x, at, alloc, depth + 1));
            return ts.every((t) => t) ? ts[0]! : null;
          }
          if (fn.text === "max") {
            for (const x of a) {
              const t = this.taint(x, at, alloc, depth + 1);
              if (t) return t;
            }
            return null;
          }
          if (INT_TYPES.has(fn.text) && a.length === 1) return this.taint(a[0], at, alloc, depth + 1);
          return null;
        }
        // Conversions to the package's own integer types.
        if (fn?.type === "identifier" && a.length === 1 && !this.env.scopes.resolve(fn) && this.env.ir.types.has(fn.text)) {
          const t = underlying(this.env.ir, { k: "named", name: fn.text, pkg: null });
          if (t.k === "basic" && INT_TYPES.has(t.name)) return this.taint(a[0], at, alloc, depth + 1);
          return null;
        }
        const o = this.origins.lengthPrefix(e);
        if (o) return this.bounds.guarded(alloc, { kind: "key", key: exprKey(e), root: null }, -1) ? null : { origin: o, leaf: e };
        return null;
      }
      case "type_conversion_expression": {
        const t = e.field("type");
        if (t?.type === "type_identifier" && INT_TYPES.has(t.text)) return this.taint(e.field("operand"), at, alloc, depth + 1);
        return null;
      }
      case "binary_expression": {
        const op = e.field("operator")?.text ?? "";
        if (["+", "*", "|", "^", "<<"].includes(op)) return this.taint(e.field("left"), at, alloc, depth + 1) ?? this.taint(e.field("right"), at, alloc, depth + 1);
        // Subtracting or dividing by input does not make a value larger.
        if (op === "-" || op === "/" || op === "&^") return this.taint(e.field("left"), at, alloc, depth + 1);
        // %, &, >> and comparisons: bounded, or not a size.
        return null;
      }
      default:
        return null;
    }
  }

  /** `hdr.Len`, `req.Items[i].N`, `*p`, `r.ContentLength`: a path rooted at a local. */
  private chainTaint(e: GoNode, at: number, alloc: GoNode, depth: number): SizeTaint | null {
    if (this.isNarrow(this.env.scopes.typeOf(e))) return null;
    if (e.type === "selector_expression" && e.field("field")?.text === "ContentLength") {
      const op = e.field("operand");
      if (op && this.origins.isRequest(op)) {
        const root = rootVar(this.env, op);
        if (this.bounds.guarded(alloc, { kind: "key", key: exprKey(e), root }, -1)) return null;
        return { origin: { node: e, desc: `the request's Content-Length header` }, leaf: e };
      }
    }
    const root = rootIdent(e);
    if (!root) return null;
    const v = this.env.scopes.resolve(root);
    if (!v) return null;
    return this.varTaint(v, at, alloc, depth, { kind: "key", key: exprKey(e), root: v }, e);
  }

  /**
   * The taint of local `v` at `at`: the definitions that reach it (the last
   * one made on every path, and any later conditional ones), each unless a
   * guard on `subject` after it bounds the value before `alloc`.
   */
  private varTaint(v: LocalVar, at: number, alloc: GoNode, depth: number, subject: Subject, leaf: GoNode): SizeTaint | null {
    const memo = `${v.decl.start}@${at}@${subject.kind === "key" ? subject.key : ""}`;
    if (this.active.has(memo)) return null;
    this.active.add(memo);
    try {
      for (const d of this.reaching(v, at, alloc)) {
        const t = this.defTaint(v, d, alloc, depth);
        if (!t) continue;
        if (this.bounds.guarded(alloc, subject, d.pos)) continue;
        return { origin: t.origin, leaf };
      }
      return null;
    } finally {
      this.active.delete(memo);
    }
  }

  private reaching(v: LocalVar, at: number, alloc: GoNode): Def[] {
    const before = this.origins.defs.of(v).filter((d) => d.end <= at);
    let last = -1;
    before.forEach((d, i) => {
      const stmt = statementOf(d.at);
      const list = stmt.parent;
      if (!list || within(alloc, list)) last = i;
    });
    return last < 0 ? before : before.slice(last);
  }

  private defTaint(v: LocalVar, d: Def, alloc: GoNode, depth: number): SizeTaint | null {
    switch (d.kind) {
      case "source":
        return { origin: d.origin!, leaf: d.at };
      case "value":
        return this.taint(d.value, d.pos, alloc, depth + 1);
      case "call": {
        const o = this.origins.callResult(d.value!, d.index ?? 0);
        if (o) return { origin: o, leaf: d.value! };
        // `v, ok := m[k]`, `v, ok := x.(T)`: the first value as a size.
        return d.index === 0 && d.value!.type !== "call_expression" ? this.taint(d.value, d.pos, alloc, depth + 1) : null;
      }
      case "compound": {
        const op = d.op ?? "";
        if (["%=", "&=", ">>="].includes(op)) return null;
        const prior = this.varTaint(v, d.pos, alloc, depth + 1, { kind: "var", v }, d.at);
        if (prior || ["/=", "&^="].includes(op)) return prior;
        return this.taint(d.value, d.pos, alloc, depth + 1);
      }
      case "incdec":
        return this.varTaint(v, d.pos, alloc, depth + 1, { kind: "var", v }, d.at);
      case "range": {
        // d.value is the ranged expression; index 0 of a slice or string is a position, not input.
        const over = d.value!;
        const t = underlying(this.env.ir, derefType(underlying(this.env.ir, this.env.scopes.typeOf(over))));
        if (d.index === 0 && t.k !== "map" && t.k !== "chan") return null;
        if (this.isNarrow(v.type)) return null;
        return this.taint(over, d.pos, alloc, depth + 1);
      }
      default:
        return null;
    }
  }
}

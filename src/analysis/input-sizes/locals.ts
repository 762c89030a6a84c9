/**
 * The definitions of a local, as the size taint reads them: assignments and
 * declarations with the value assigned (or the call and result position),
 * compound assignments, increments, range clauses, and calls that fill the
 * local through its address (`binary.Read(r, o, &hdr)`, `json.Unmarshal(b,
 * &req)`): those are sources of input themselves when the call decodes a
 * peer's bytes, opaque otherwise.
 */
import type { LocalVar } from "../../ir/scopes.js";
import { within } from "../../ir/syntax.js";
import type { GoNode } from "../../parse/node.js";
import type { SourceEnv } from "../base/outside-input.js";

/** Where a value was read: the node to point at and how to name it. */
export interface InputOrigin {
  node: GoNode;
  /** `binary.BigEndian.Uint32`, `strconv.Atoi on request data`, `json decoding into req`. */
  desc: string;
}

export interface Def {
  /** Where the definition happens: guards must come after it. */
  pos: number;
  /** End of the defining node: it reaches points at or after this offset. */
  end: number;
  /** The node whose enclosing statement decides whether the definition runs on every path. */
  at: GoNode;
  kind: "value" | "call" | "compound" | "incdec" | "source" | "range" | "opaque";
  value?: GoNode;
  index?: number;
  op?: string;
  origin?: InputOrigin;
}

/** The input a call writes into its argument `index` (through the argument's address), if it is input. */
export type ArgumentSource = (call: GoNode, index: number) => InputOrigin | null;

export class Definitions {
  private readonly memo = new Map<LocalVar, Def[]>();

  constructor(
    private readonly env: SourceEnv,
    private readonly argumentSource: ArgumentSource,
  ) {}

  /** Every identifier that refers to `v` (its declaration included), in source order. */
  uses(v: LocalVar): readonly GoNode[] {
    return this.env.scopes.uses(v);
  }

  /** Definitions of a local, in source order. */
  of(v: LocalVar): Def[] {
    const cached = this.memo.get(v);
    if (cached) return cached;
    const out: Def[] = [];
    for (const id of this.uses(v)) {
      const d = this.defAt(v, id);
      if (d) out.push(d);
    }
    out.sort((a, b) => a.pos - b.pos);
    this.memo.set(v, out);
    return out;
  }

  /** The definition an occurrence of `v` makes, if it is one. */
  private defAt(v: LocalVar, id: GoNode): Def | null {
    let x = id;
    while (x.parent?.type === "parenthesized_expression") x = x.parent;
    const p = x.parent;
    if (!p) return null;
    const span = (n: GoNode, kind: Def["kind"], extra: Partial<Def> = {}): Def => ({ pos: n.start, end: n.end, at: n, kind, ...extra });
    if (p.type === "expression_list") {
      const stmt = p.parent;
      if (!stmt) return null;
      if ((stmt.type === "short_var_declaration" || stmt.type === "assignment_statement") && stmt.field("left") === p) {
        const left = p.children;
        const right = stmt.field("right")?.children ?? [];
        const i = left.indexOf(x);
        const op = stmt.type === "short_var_declaration" ? ":=" : stmt.field("operator")?.text ?? "=";
        if (op !== "=" && op !== ":=") return span(stmt, "compound", { op, value: right[i] });
        if (right.length === left.length) return span(stmt, "value", { value: right[i] });
        if (right.length === 1) return span(stmt, "call", { value: right[0], index: i });
        return span(stmt, "opaque");
      }
      if (stmt.type === "range_clause" && stmt.field("left") === p) {
        const over = stmt.field("right");
        return over ? span(stmt, "range", { value: over, index: p.children.indexOf(x) }) : span(stmt, "opaque");
      }
      if (stmt.type === "receive_statement" && stmt.field("left") === p) return span(stmt, "opaque");
      // An argument: `binary.Read(r, o, hdr)` with a pointer variable, `dec.Decode(req)`.
      return null;
    }
    if (p.type === "var_spec" && p.fieldAll("name").includes(x)) {
      const names = p.fieldAll("name");
      const values = p.field("value")?.children ?? [];
      const i = names.indexOf(x);
      if (!values.length) return span(p, "opaque");
      if (values.length === names.length) return span(p, "value", { value: values[i] });
      if (values.length === 1) return span(p, "call", { value: values[0], index: i });
      return span(p, "opaque");
    }
    if (p.type === "inc_statement" || p.type === "dec_statement") return span(p, "incdec");
    if (x === v.decl) return span(x, "opaque");
    // &v, &v.f, &v[i] (or a pointer variable itself) handed to a call that fills it.
    let arg: GoNode = x;
    let addr = false;
    for (let q = x.parent; q; q = q.parent) {
      if (q.type === "parenthesized_expression") {
        arg = q;
        continue;
      }
      if ((q.type === "selector_expression" || q.type === "index_expression") && q.field("operand") && within(x, q.field("operand")!)) {
        arg = q;
        continue;
      }
      if (q.type === "unary_expression" && q.field("operator")?.text === "&" && !addr) {
        addr = true;
        arg = q;
        continue;
      }
      break;
    }
    const list = arg.parent;
    const call = list?.type === "argument_list" ? list.parent : null;
    if (!call || call.type !== "call_expression") return null;
    const i = list!.children.indexOf(arg);
    const origin = this.argumentSource(call, i);
    if (origin) return { pos: call.start, end: call.end, at: call, kind: "source", origin };
    // Handed by address to something else: whatever it stores is of unknown origin.
    if (addr && arg === list!.children[i]) return { pos: call.start, end: call.end, at: call, kind: "opaque" };
    return null;
  }
}

/**
 * The buffers, aliases, carriers and stores of one function body (function
 * literals are bodies of their own), and the loop that makes a store share a
 * buffer: see ./index.ts.
 */
import { constInt, initializerOf } from "../../ir/consts.js";
import { underlying } from "../../ir/index.js";
import type { LocalVar } from "../../ir/scopes.js";
import { args, FUNC_NODE_TYPES, shortText, terminatesAfter, unparen, within } from "../../ir/syntax.js";
import type { GoType } from "../../ir/types.js";
import type { GoNode } from "../../parse/node.js";
import type { Inspector } from "../base/inspect.js";
import { type FileEnv, importPathOf, importedCall, isBuiltinCall } from "../../ir/names.js";

export type BufferKind = "slice" | "array" | "scanner" | "bytes.Buffer";

export interface BufferRef {
  /** Identity: the root variable's declaration offset plus the field path. */
  key: string;
  /** As written: `buf`, `d.scratch`. */
  name: string;
  kind: BufferKind;
  root: LocalVar;
  elem: GoType | null;
}

export interface Alias {
  buf: BufferRef;
  /** The expression that aliases the buffer (`buf[:n]`, `&buf`, `sc.Bytes()`). */
  node: GoNode;
  pointer: boolean;
  /** Where the alias appears in the stored value (the alias itself, or the carrier variable naming it). */
  site: GoNode;
  /** When the alias reaches the store through a loop-local variable: that variable and where it got the alias. */
  carrier?: { v: LocalVar; at: GoNode; container: boolean; whole: boolean };
}

export interface Store {
  stmt: GoNode;
  /** Where to report: the stored value. */
  value: GoNode;
  aliases: Alias[];
  /** Root variable of the container stored into (null: package-level, channel, unknown root). */
  target: LocalVar | null;
  /** `stored in map cache`, `appended to frames`, `sent on channel out`. */
  desc: string;
  /**
   * `x.f = alias`: one slot, overwritten every iteration, so nothing accumulates
   * (a sort helper pointing at the current buffer is fine). Only a struct made
   * per iteration and then stored elsewhere carries the alias on.
   */
  slotOnly: boolean;
}

export interface Rewrite {
  node: GoNode;
  text: string;
}

const BINARY_LIKE = ["encoding/hex", "encoding/base64", "encoding/base32"];

/** Statements that store a value somewhere that outlives the iteration. */
const STORE_TYPES = ["assignment_statement", "send_statement", "call_expression"];
/** Nodes that may rewrite a buffer. */
const REWRITE_TYPES = ["call_expression", "assignment_statement", "inc_statement", "dec_statement", "range_clause", "receive_statement"];

/** Buffers, aliases, carriers and stores of one function body (function literals excluded). */
export class BufferFlow {
  private carriers = new Map<LocalVar, Alias[]>();
  private containerCarriers = new Map<LocalVar, Alias[]>();
  private storeList: Store[] | null = null;

  constructor(
    private readonly env: FileEnv,
    private readonly inspect: Inspector,
    private readonly body: GoNode,
  ) {
    // Carriers feed each other (`chunk := buf[:n]; rec := Record{Data: chunk}`): a few rounds reach the fixpoint.
    for (let round = 0; round < 3; round++) {
      const before = this.carriers.size + this.containerCarriers.size;
      this.findCarriers();
      this.storeList = null;
      this.stores();
      if (this.carriers.size + this.containerCarriers.size === before) break;
    }
  }

  /** The type of an expression as the file's scopes see it, through local named types. */
  private typeOf(expr: GoNode): GoType {
    return underlying(this.env.ir, this.env.scopes.typeOf(expr));
  }

  // ---- buffers and aliases ------------------------------------------------------

  bufferRef(expr: GoNode | undefined): BufferRef | null {
    expr = unparen(expr);
    if (!expr) return null;
    const path: string[] = [];
    let root: GoNode | undefined = expr;
    while (root && root.type === "selector_expression") {
      path.unshift(root.field("field")?.text ?? "?");
      root = unparen(root.field("operand"));
    }
    if (!root || root.type !== "identifier") return null;
    const v = this.env.scopes.resolve(root);
    if (!v) return null;
    const t = this.typeOf(expr);
    let kind: BufferKind | null = null;
    let elem: GoType | null = null;
    if (t.k === "slice") {
      kind = "slice";
      elem = t.elem;
    } else if (t.k === "array") {
      kind = "array";
      elem = t.elem;
    } else {
      const base = t.k === "ptr" ? t.elem : t;
      if (base.k === "named" && base.pkg === "bufio" && base.name === "Scanner") kind = "scanner";
      else if (base.k === "named" && base.pkg === "bytes" && base.name === "Buffer") kind = "bytes.Buffer";
      else if (path.length === 0 && t.k === "unknown") {
        const init = initializerOf(v);
        const bufioCall = importedCall(this.env, init ?? undefined, "bufio");
        const bytesCall = importedCall(this.env, init ?? undefined, "bytes");
        if (bufioCall === "NewScanner") kind = "scanner";
        else if (bytesCall === "NewBuffer" || bytesCall === "NewBufferString") kind = "bytes.Buffer";
      }
    }
    if (!kind) return null;
    return { key: `${v.decl.start}${path.map((p) => `.${p}`).join("")}`, name: expr.text, kind, root: v, elem };
  }

  /** Does `expr` refer to the buffer `b` (itself or a reslice of it)? */
  refersTo(expr: GoNode | undefined, b: BufferRef): boolean {
    expr = unparen(expr);
    while (expr && expr.type === "slice_expression") expr = unparen(expr.field("operand"));
    if (!expr || (expr.type !== "identifier" && expr.type !== "selector_expression")) return false;
    return this.bufferRef(expr)?.key === b.key;
  }

  /** The buffer an expression aliases without copying, if any. */
  aliasOf(expr: GoNode | undefined): Alias | null {
    const node = unparen(expr);
    if (!node) return null;
    switch (node.type) {
      case "identifier":
      case "selector_expression": {
        const b = this.bufferRef(node);
        return b && b.kind === "slice" ? { buf: b, node, site: node, pointer: false } : null;
      }
      case "slice_expression": {
        const op = unparen(node.field("operand"));
        // buf[j:j+2] with a varying start: usually a window that moves through the buffer, one region per iteration.
        if (!this.constantStart(node.field("start"))) return null;
        const inner = this.aliasOf(op);
        if (inner && !inner.pointer) return { ...inner, node, site: node };
        const b = this.bufferRef(op);
        return b && (b.kind === "slice" || b.kind === "array") ? { buf: b, node, site: node, pointer: false } : null;
      }
      case "unary_expression": {
        if (node.field("operator")?.text !== "&") return null;
        const op = unparen(node.field("operand"));
        if (op?.type === "index_expression") {
          if (!this.constantStart(op.field("index"))) return null;
          const b = this.bufferRef(op.field("operand"));
          return b && (b.kind === "slice" || b.kind === "array") ? { buf: b, node, site: node, pointer: false } : null;
        }
        const b = this.bufferRef(op);
        if (!b) return null;
        if (b.kind === "slice") return { buf: b, node, site: node, pointer: true };
        if (b.kind === "array") return { buf: b, node, site: node, pointer: false };
        return null;
      }
      case "call_expression": {
        const fn = unparen(node.field("function"));
        if (fn?.type === "selector_expression" && fn.field("field")?.text === "Bytes" && args(node).length === 0) {
          const b = this.bufferRef(fn.field("operand"));
          if (b && (b.kind === "scanner" || b.kind === "bytes.Buffer")) return { buf: b, node, site: node, pointer: false };
        }
        // A conversion to a package-declared slice type keeps the backing array: Frame(buf[:n]).
        if (fn?.type === "identifier" && args(node).length === 1 && !this.env.scopes.resolve(fn)) {
          const decl = this.env.ir.types.get(fn.text);
          if (decl) {
            const inner = this.aliasOf(args(node)[0]);
            if (inner) return { ...inner, node, site: node };
          }
        }
        return null;
      }
      default:
        return null;
    }
  }

  /** No start, or a constant one: every iteration aliases the same region. */
  private constantStart(start: GoNode | undefined): boolean {
    return !start || constInt(this.env, start) !== null;
  }

  /** Aliases carried by a value: the value itself, composite literal elements, appended elements, carrier variables. */
  carried(expr: GoNode | undefined, skipFirstAppendArg = false): Alias[] {
    const node = unparen(expr);
    if (!node) return [];
    if (node.type === "identifier") {
      // A variable that only ever holds aliases of another buffer stands for that buffer.
      const v = this.env.scopes.resolve(node);
      const via = v ? [...(this.carriers.get(v) ?? []), ...(this.containerCarriers.get(v) ?? [])] : [];
      if (via.length) return via.map((a) => ({ ...a, site: node }));
    }
    const direct = this.aliasOf(node);
    if (direct) return [direct];
    switch (node.type) {
      case "unary_expression": {
        if (node.field("operator")?.text !== "&") return [];
        return this.carried(node.field("operand"));
      }
      case "composite_literal": {
        const out: Alias[] = [];
        const elements = (lv: GoNode | undefined): void => {
          for (const el of lv?.children ?? []) {
            const valueEl = el.type === "keyed_element" ? el.field("value") : el;
            const inner = valueEl?.type === "literal_element" ? valueEl.children[0] : valueEl;
            if (!inner) continue;
            if (inner.type === "literal_value") elements(inner);
            else for (const x of this.carried(inner)) out.push(x);
          }
        };
        elements(node.field("body"));
        return out;
      }
      case "call_expression": {
        if (!isBuiltinCall(this.env, node, "append")) return [];
        const a = args(node);
        const out: Alias[] = [];
        a.forEach((arg, i) => {
          if (arg.type === "variadic_argument") return; // append(x, buf...) copies the bytes
          if (i === 0 && skipFirstAppendArg) return;
          for (const x of this.carried(arg)) out.push(x);
        });
        return out;
      }
      default:
        return [];
    }
  }

  // ---- carriers ------------------------------------------------------------------

  /** Locals every assignment of which carries an alias (`chunk := buf[:n]`, `rec := &Record{Data: buf[:n]}`). */
  private findCarriers(): void {
    const { scopes } = this.env;
    const written = new Set<LocalVar>();
    for (const ident of this.inspect.within(this.body, "identifier")) {
      const v = scopes.resolve(ident);
      if (v?.kind === "var") written.add(v);
    }
    const byVar = new Map<LocalVar, { aliases: Alias[]; ok: boolean }>();
    for (const v of written) {
      // Assignments inside function literals count against the carrier too.
      const writes = scopes.writes(v).filter((w) => within(w.ident, this.body));
      if (writes.length === 0) continue;
      const entry = { aliases: [] as Alias[], ok: true };
      byVar.set(v, entry);
      for (const w of writes) {
        if (w.op !== "=" && w.op !== ":=") {
          entry.ok = false;
          continue;
        }
        // `x = append(x, alias)` makes x a container, handled with the stores.
        const value = unparen(w.value ?? undefined);
        if (value && isBuiltinCall(this.env, value, "append") && unparen(args(value)[0])?.text === w.ident.text) {
          entry.ok = false;
          continue;
        }
        const aliases = w.value ? this.carried(w.value) : [];
        if (aliases.length === 0) {
          entry.ok = false;
          continue;
        }
        const whole = !!this.aliasOf(w.value!);
        for (const a of aliases) entry.aliases.push({ ...a, carrier: a.carrier ?? { v, at: w.stmt, container: false, whole } });
      }
    }
    for (const [v, entry] of byVar) {
      if (!entry.ok || entry.aliases.length === 0) continue;
      // `var x T = alias` is a declaration, not a write: its initializer must carry an alias too.
      if (v.decl.parent?.type === "var_spec") {
        const init = initializerOf(v);
        if (init && this.carried(init).length === 0) continue;
      }
      this.carriers.set(v, entry.aliases);
    }
    // var declarations with an alias initializer and no further writes.
    for (const n of this.inspect.within(this.body, "var_spec")) {
      for (const name of n.fieldAll("name")) {
        const v = scopes.resolve(name);
        if (!v || byVar.has(v)) continue;
        const init = initializerOf(v);
        const aliases = init ? this.carried(init) : [];
        const whole = !!(init && this.aliasOf(init));
        if (aliases.length) this.carriers.set(v, aliases.map((a) => ({ ...a, carrier: a.carrier ?? { v, at: n, container: false, whole } })));
      }
    }
  }

  // ---- stores --------------------------------------------------------------------

  stores(): Store[] {
    if (this.storeList) return this.storeList;
    const out: Store[] = [];
    const env = this.env;
    const rootOf = (e: GoNode | undefined): { v: LocalVar | null; known: boolean } => {
      let n = unparen(e);
      while (n && (n.type === "selector_expression" || n.type === "index_expression" || n.type === "slice_expression")) n = unparen(n.field("operand"));
      if (n?.type === "unary_expression" && n.field("operator")?.text === "*") n = unparen(n.field("operand"));
      if (!n || n.type !== "identifier") return { v: null, known: false };
      return { v: env.scopes.resolve(n) ?? null, known: true };
    };
    const add = (stmt: GoNode, value: GoNode, target: LocalVar | null, desc: string, skipFirst = false, slotOnly = false): void => {
      const aliases = this.carried(value, skipFirst);
      if (aliases.length === 0) return;
      if (target) {
        // A container declared in this function: it carries the alias onwards (reported where it is stored, or here when it lives outside the loop).
        const list = this.containerCarriers.get(target) ?? [];
        for (const a of aliases) if (!list.some((x) => x.node === a.node)) list.push({ ...a, carrier: a.carrier ?? { v: target, at: stmt, container: true, whole: false } });
        this.containerCarriers.set(target, list);
      }
      out.push({ stmt, value, aliases, target, desc, slotOnly });
    };
    const visit = (n: GoNode): void => {
      switch (n.type) {
        case "assignment_statement": {
          if (n.field("operator")?.text !== "=") return;
          const left = n.field("left")?.children ?? [];
          const right = n.field("right")?.children ?? [];
          if (left.length !== right.length) return;
          left.forEach((l0, i) => {
            const l = unparen(l0)!;
            const r = right[i]!;
            if (l.type === "index_expression") {
              const container = this.typeOf(l.field("operand")!);
              const c = container.k === "ptr" ? container.elem : container;
              if (c.k !== "map" && c.k !== "slice" && c.k !== "array") return;
              const root = rootOf(l.field("operand"));
              if (!root.known) return;
              const what = c.k === "map" ? `stored in map ${shortText(l.field("operand")!)}` : `stored in ${shortText(l)}`;
              add(n, r, root.v, what);
            } else if (l.type === "selector_expression") {
              const root = rootOf(l.field("operand"));
              const op = unparen(l.field("operand"));
              // pkg.Var = alias: a package-level variable of another package.
              if (!root.known && !(op?.type === "identifier" && env.file.imports.has(op.text))) return;
              const isAppend = isBuiltinCall(env, r, "append") && unparen(args(unparen(r)!)[0])?.text === l.text;
              // items[i].Data = alias: a field of each element, not one slot.
              let elementField = false;
              for (let x = unparen(l.field("operand")); x && (x.type === "selector_expression" || x.type === "index_expression"); x = unparen(x.field("operand"))) {
                if (x.type === "index_expression") elementField = true;
              }
              add(n, r, root.v, isAppend ? `appended to ${shortText(l)}` : `stored in field ${shortText(l)}`, isAppend, !isAppend && !elementField);
            } else if (l.type === "identifier") {
              const rv = unparen(r);
              if (!rv || !isBuiltinCall(env, rv, "append") || unparen(args(rv)[0])?.text !== l.text) return;
              const v = env.scopes.resolve(l) ?? null;
              if (!v && !env.ir.vars.has(l.text)) return;
              add(n, rv, v, `appended to ${l.text}`, true);
            }
          });
          return;
        }
        case "send_statement": {
          const ch = n.field("channel");
          const value = n.field("value");
          if (ch && value) add(n, value, null, `sent on channel ${shortText(ch)}`);
          return;
        }
        case "call_expression": {
          // sync.Map: m.Store(k, v), m.LoadOrStore(k, v), m.Swap(k, v).
          const fn = unparen(n.field("function"));
          if (fn?.type !== "selector_expression") return;
          const method = fn.field("field")?.text ?? "";
          if (!["Store", "LoadOrStore", "Swap"].includes(method) || args(n).length !== 2) return;
          const t = this.typeOf(fn.field("operand")!);
          const base = t.k === "ptr" ? t.elem : t;
          if (base.k !== "named" || base.pkg !== "sync" || base.name !== "Map") return;
          const root = rootOf(fn.field("operand"));
          if (!root.known) return;
          add(n, args(n)[1]!, root.v, `stored in sync.Map ${shortText(fn.field("operand")!)}`);
          return;
        }
      }
    };
    for (const n of this.inspect.withinAny(this.body, STORE_TYPES, { skipFuncLits: true })) visit(n);
    this.storeList = out;
    return out;
  }

  // ---- loops and rewrites --------------------------------------------------------

  /** The innermost loop around the store where the buffer (and the container) live outside and the buffer is rewritten. */
  loopFor(store: Store, alias: Alias): { loop: GoNode; rewrite: Rewrite } | null {
    const buf = alias.buf;
    for (let p = store.stmt.parent; p && p !== this.body.parent; p = p.parent) {
      if (FUNC_NODE_TYPES.has(p.type)) break;
      if (p.type !== "for_statement") continue;
      const loop = p;
      if (within(buf.root.decl, loop)) return null;
      if (store.target && within(store.target.decl, loop)) return null;
      if (alias.carrier?.container && !within(alias.carrier.v.decl, loop)) continue;
      if (terminatesAfter(store.stmt, loop)) continue;
      const rewrite = this.rewriteIn(buf, loop, alias.pointer);
      if (rewrite === "fresh") return null;
      if (rewrite) return { loop, rewrite };
    }
    return null;
  }

  /** How the loop rewrites the buffer; "fresh" when it gives the buffer a new value (no sharing between iterations). */
  private rewriteIn(buf: BufferRef, loop: GoNode, pointer: boolean): Rewrite | "fresh" | null {
    const env = this.env;
    let found: Rewrite | null = null;
    let fresh = false;
    const isBuf = (e: GoNode | undefined): boolean => {
      const u = unparen(e);
      return !!u && (u.type === "identifier" || u.type === "selector_expression") && this.bufferRef(u)?.key === buf.key;
    };
    const visit = (n: GoNode): void => {
      switch (n.type) {
        case "call_expression": {
          const fn = unparen(n.field("function"));
          const a = args(n);
          if (buf.kind === "scanner" || buf.kind === "bytes.Buffer") {
            if (fn?.type === "selector_expression" && isBuf(fn.field("operand"))) {
              const m = fn.field("field")?.text ?? "";
              if ((buf.kind === "scanner" && m === "Scan") || (buf.kind === "bytes.Buffer" && (m === "Reset" || m === "Truncate"))) found ??= { node: n, text: shortText(n) };
            }
            return;
          }
          let target: GoNode | undefined;
          if (isBuiltinCall(env, n, "copy")) target = a[0];
          else if (isBuiltinCall(env, n, "append") && unparen(a[0])?.type === "slice_expression" && constInt(env, unparen(a[0])!.field("end")) !== null) target = a[0]; // append(buf[:0], ...) writes into buf's array
          else if (unparen(a[0])?.type === "slice_expression" && constInt(env, unparen(a[0])!.field("end")) === 0) target = a[0]; // strconv.AppendInt(buf[:0], ...) and other append-style APIs
          else if (importedCall(env, n, "io") === "ReadFull" || importedCall(env, n, "io") === "ReadAtLeast") target = a[1];
          else if (fn?.type === "selector_expression") {
            const m = fn.field("field")?.text ?? "";
            let leftmost: GoNode | undefined = fn;
            while (leftmost?.type === "selector_expression") leftmost = unparen(leftmost.field("operand"));
            if (/^Read/.test(m)) target = a[0];
            else if ((m.startsWith("Put") || m.startsWith("Append")) && importPathOf(env, leftmost) === "encoding/binary") target = m.startsWith("Put") ? a[0] : undefined;
            else if ((m === "Encode" || m === "Decode") && BINARY_LIKE.includes(importPathOf(env, leftmost) ?? "")) target = a[0];
          }
          if (target && this.refersTo(target, buf)) found ??= { node: n, text: shortText(n) };
          return;
        }
        case "assignment_statement":
        case "inc_statement":
        case "dec_statement": {
          const left = n.type === "assignment_statement" ? n.field("left")?.children ?? [] : [n.children[0]!];
          const right = n.type === "assignment_statement" ? n.field("right")?.children ?? [] : [];
          left.forEach((l0, i) => {
            const l = unparen(l0);
            if (!l) return;
            if (l.type === "index_expression" && buf.kind !== "scanner" && buf.kind !== "bytes.Buffer" && this.refersTo(l.field("operand"), buf)) {
              found ??= { node: n, text: shortText(n) };
              return;
            }
            if (!isBuf(l)) return;
            const r = unparen(right.length === left.length ? right[i] : undefined);
            const self = r ? this.selfDerived(r, buf) : "other";
            if (self === "truncate") found ??= { node: n, text: shortText(n) };
            else if (self === "other") {
              if (pointer) found ??= { node: n, text: shortText(n) };
              else fresh = true;
            }
          });
          return;
        }
        case "range_clause":
        case "receive_statement": {
          for (const l of n.field("left")?.children ?? []) {
            if (!isBuf(l)) continue;
            if (pointer) found ??= { node: n, text: shortText(n) };
            else fresh = true;
          }
          return;
        }
      }
    };
    for (const n of this.inspect.withinAny(loop, REWRITE_TYPES, { skipFuncLits: true })) {
      // Decided: the first rewrite is found, and a pointer alias or a fresh value settles the rest.
      if (found && (fresh || pointer)) break;
      visit(n);
    }
    if (fresh && !pointer) return "fresh";
    return found;
  }

  /** `buf = buf[:0]` / `append(buf[:0], ...)` truncate (the next writes overwrite); `buf = append(buf, ...)`, `buf = buf[:n]` keep; anything else is a new value. */
  private selfDerived(r: GoNode, buf: BufferRef): "truncate" | "keep" | "other" {
    const isTruncation = (e: GoNode | undefined): boolean => {
      const u = unparen(e);
      if (u?.type !== "slice_expression" || !this.refersTo(u.field("operand"), buf)) return false;
      const start = u.field("start");
      return (!start || constInt(this.env, start) === 0) && constInt(this.env, u.field("end")) === 0;
    };
    if (isTruncation(r)) return "truncate";
    if (isBuiltinCall(this.env, r, "append")) {
      const first = args(r)[0];
      if (isTruncation(first)) return "truncate";
      if (this.refersTo(first, buf)) return "keep";
      return "other";
    }
    // buf = strconv.AppendInt(buf[:0], x, 10): append-style APIs reuse the array they are given.
    if (r.type === "call_expression" && isTruncation(args(r)[0])) return "truncate";
    if (r.type === "slice_expression" && this.refersTo(r, buf)) {
      // buf = buf[n:] moves the window on: the next iteration writes elsewhere.
      const start = r.field("start");
      return !start || constInt(this.env, start) === 0 ? "keep" : "other";
    }
    return "other";
  }
}

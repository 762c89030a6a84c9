/**
 * Where an integer comes from, for unbounded-allocation: values decoded from
 * bytes or readers (`binary.BigEndian.Uint32`, `binary.Read`, `binary.Uvarint`),
 * numbers parsed from request data or from lines read off a connection
 * (`strconv.Atoi(r.URL.Query().Get("n"))`), `r.ContentLength`, and fields of
 * values filled by json/gob/xml decoding; followed through locals, conversions
 * and arithmetic. And whether such a value is bounded before a given point:
 * an upper-bound comparison that returns, errors, continues or clamps on every
 * path, `min(n, limit)`, `n % k`, `n & mask`, conversion to an 8- or 16-bit type,
 * or a validation call (`if err := check(n); err != nil { return err }`).
 *
 * Everything is per top-level function (function literals included: their
 * locals resolve through the same scopes), in source order. Unknown origins
 * (parameters, package-level variables, results of package functions) are not
 * input: the rule only speaks when it has seen the read.
 */
import type { GoNode } from "../../src/parse/node.js";
import type { LocalVar } from "../../src/ir/scopes.js";
import type { GoType } from "../../src/ir/types.js";
import { underlying } from "../../src/ir/index.js";
import { derefType } from "../../src/ir/type-expr.js";
import {
  args,
  constInt,
  FUNC_NODE_TYPES,
  importedCall,
  importedName,
  isBuiltin,
  isBuiltinCall,
  statementOf,
  unparen,
  walk,
  within,
  type SyntaxEnv,
} from "./hazard-syntax.js";

/** Where a size was read: the node to point at and how to name it. */
export interface InputOrigin {
  node: GoNode;
  /** `binary.BigEndian.Uint32`, `strconv.Atoi on request data`, `json decoding into req`. */
  desc: string;
}

/** A tainted size: the origin, and the expression inside the size that carries it (`n` in `n+4`). */
export interface SizeTaint {
  origin: InputOrigin;
  leaf: GoNode;
}

interface Def {
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

const INT_TYPES = new Set(["int", "int32", "int64", "uint", "uint32", "uint64", "uintptr"]);
const NARROW_TYPES = new Set(["int8", "uint8", "byte", "int16", "uint16"]);
const LINE_READS = new Set(["ReadString", "ReadLine", "ReadBytes", "ReadSlice", "ReadContinuedLine", "ReadLineBytes"]);
const BYTE_ORDERS = new Set(["BigEndian", "LittleEndian", "NativeEndian"]);
const FRAMEWORK_CONTEXT = /(^|\/)(gin-gonic\/gin|labstack\/echo(\/v\d+)?|gofiber\/fiber(\/v\d+)?)$/;
const FILE_READS = new Set(["Open", "OpenFile", "ReadFile", "OpenInRoot"]);
const NON_VALIDATORS = new Set(["len", "cap", "make", "new", "append", "copy", "min", "max", "int", "int64", "int32", "uint", "uint64", "uint32", "uintptr", "string", "panic", "print", "println"]);

/** Is the basic type (through named types) at most 16 bits wide? */
export function isNarrow(env: SyntaxEnv, t: GoType): boolean {
  const u = underlying(env.ir, t);
  return u.k === "basic" && NARROW_TYPES.has(u.name);
}

export class InputSizes {
  private refs = new Map<LocalVar, GoNode[]>();
  private defsCache = new Map<LocalVar, Def[]>();
  private active = new Set<string>();
  private dataActive = new Set<LocalVar>();

  constructor(
    readonly env: SyntaxEnv,
    readonly decl: GoNode,
  ) {
    walk(decl, (n) => {
      if (n.type !== "identifier") return;
      const v = env.scopes.resolve(n);
      if (!v) return;
      let a = this.refs.get(v);
      if (!a) this.refs.set(v, (a = []));
      a.push(n);
    });
  }

  // ---- taint of a size expression ---------------------------------------------------

  /** The input a size expression comes from, if it is not bounded before `alloc`. */
  sizeTaint(expr: GoNode, alloc: GoNode): SizeTaint | null {
    return this.taint(expr, expr.range[0], alloc, 0);
  }

  private taint(expr: GoNode | undefined, at: number, alloc: GoNode, depth: number): SizeTaint | null {
    const e = unparen(expr);
    if (!e || depth > 24) return null;
    switch (e.type) {
      case "identifier": {
        const v = this.env.scopes.resolve(e);
        if (!v || isNarrow(this.env, v.type)) return null;
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
        const o = this.byteOrderRead(e);
        if (o) return this.guarded(alloc, { kind: "key", key: keyOf(e), root: null }, -1) ? null : { origin: o, leaf: e };
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
    const t = this.env.scopes.typeOf(e);
    if (isNarrow(this.env, t)) return null;
    if (e.type === "selector_expression" && e.field("field")?.text === "ContentLength") {
      const op = e.field("operand");
      if (op && this.isRequest(op)) {
        const root = rootVar(this.env, op);
        if (this.guarded(alloc, { kind: "key", key: keyOf(e), root }, -1)) return null;
        return { origin: { node: e, desc: `the request's Content-Length header` }, leaf: e };
      }
    }
    const root = rootIdent(e);
    if (!root) return null;
    const v = this.env.scopes.resolve(root);
    if (!v) return null;
    return this.varTaint(v, at, alloc, depth, { kind: "key", key: keyOf(e), root: v }, e);
  }

  /**
   * The taint of local `v` at `at`: the definitions that reach it (the last
   * one made on every path, and any later conditional ones), each unless a
   * guard on `subject` after it bounds the value before `alloc`.
   */
  private varTaint(v: LocalVar, at: number, alloc: GoNode, depth: number, subject: Subject, leaf: GoNode): SizeTaint | null {
    const memo = `${v.decl.range[0]}@${at}@${subject.kind === "key" ? subject.key : ""}`;
    if (this.active.has(memo)) return null;
    this.active.add(memo);
    try {
      for (const d of this.reaching(v, at, alloc)) {
        const t = this.defTaint(v, d, alloc, depth);
        if (!t) continue;
        if (this.guarded(alloc, subject, d.pos)) continue;
        return { origin: t.origin, leaf };
      }
      return null;
    } finally {
      this.active.delete(memo);
    }
  }

  private reaching(v: LocalVar, at: number, alloc: GoNode): Def[] {
    const before = this.defsOf(v).filter((d) => d.end <= at);
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
        const o = this.callResultSource(d.value!, d.index ?? 0);
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
        if (isNarrow(this.env, v.type)) return null;
        return this.taint(over, d.pos, alloc, depth + 1);
      }
      default:
        return null;
    }
  }

  /** Definitions of a local, in source order. */
  private defsOf(v: LocalVar): Def[] {
    const cached = this.defsCache.get(v);
    if (cached) return cached;
    const out: Def[] = [];
    for (const id of this.refs.get(v) ?? []) {
      const d = this.defAt(v, id);
      if (d) out.push(d);
    }
    out.sort((a, b) => a.pos - b.pos);
    this.defsCache.set(v, out);
    return out;
  }

  /** The definition an occurrence of `v` makes, if it is one. */
  private defAt(v: LocalVar, id: GoNode): Def | null {
    let x = id;
    while (x.parent?.type === "parenthesized_expression") x = x.parent;
    const p = x.parent;
    if (!p) return null;
    const span = (n: GoNode, kind: Def["kind"], extra: Partial<Def> = {}): Def => ({ pos: n.range[0], end: n.range[1], at: n, kind, ...extra });
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
    const origin = this.outSource(call, i);
    if (origin) return { pos: call.range[0], end: call.range[1], at: call, kind: "source", origin };
    // Handed by address to something else: whatever it stores is of unknown origin.
    if (addr && arg === list!.children[i]) return { pos: call.range[0], end: call.range[1], at: call, kind: "opaque" };
    return null;
  }

  // ---- sources ---------------------------------------------------------------------

  /** `binary.BigEndian.Uint32(b)`, `order.Uint64(b)`, `byteorder.BEUint32(b)`: a 32- or 64-bit value decoded from bytes. */
  private byteOrderRead(call: GoNode): InputOrigin | null {
    const fn = unparen(call.field("function"));
    if (fn?.type !== "selector_expression") return null;
    const name = fn.field("field")?.text ?? "";
    const op = fn.field("operand");
    if (this.osFilled(args(call)[0])) return null;
    if (/^(BE|LE)Uint(32|64)$/.test(name) && importedName(this.env, fn, "internal/byteorder")) return { node: call, desc: `byteorder.${name}` };
    if (name !== "Uint32" && name !== "Uint64") return null;
    if (!op) return null;
    const order = importedName(this.env, op, "encoding/binary");
    if (order && BYTE_ORDERS.has(order)) return { node: call, desc: `binary.${order}.${name}` };
    const t = underlying(this.env.ir, this.env.scopes.typeOf(op));
    if (t.k === "named" && t.pkg === "encoding/binary" && (t.name === "ByteOrder" || t.name === "AppendByteOrder")) return { node: call, desc: `${keyOf(op)}.${name}` };
    return null;
  }

  /**
   * Bytes the operating system or C code wrote: the buffer (a local) is
   * handed to `unsafe.Pointer(...)` or straight to a syscall/unix/windows call.
   * A length the kernel reports is not a peer's.
   */
  private osFilled(buf: GoNode | undefined): boolean {
    const root = buf ? rootVar(this.env, stripSlices(buf)) : null;
    if (!root) return false;
    for (const id of this.refs.get(root) ?? []) {
      for (let q = id.parent; q && !FUNC_NODE_TYPES.has(q.type); q = q.parent) {
        if (q.type !== "call_expression") continue;
        if (importedName(this.env, q.field("function"), "unsafe") === "Pointer") return true;
        for (const pkg of ["syscall", "golang.org/x/sys/unix", "golang.org/x/sys/windows"]) if (importedCall(this.env, q, pkg)) return true;
        break;
      }
    }
    return false;
  }

  /** A value a call returns in position `index` that is input: `binary.Uvarint`, `strconv.Atoi` of request data. */
  private callResultSource(call: GoNode, index: number): InputOrigin | null {
    const c = unparen(call);
    if (!c || c.type !== "call_expression" || index !== 0) return null;
    const bin = importedCall(this.env, c, "encoding/binary");
    if (bin && ["Uvarint", "Varint", "ReadUvarint", "ReadVarint"].includes(bin)) return { node: c, desc: `binary.${bin}` };
    const conv = importedCall(this.env, c, "strconv");
    if (conv && ["Atoi", "ParseInt", "ParseUint"].includes(conv)) {
      const a = args(c)[0];
      const what = a ? this.dataOrigin(a, c.range[0]) : null;
      if (what) return { node: c, desc: `strconv.${conv} on ${what}` };
    }
    return null;
  }

  /** A call that fills argument `i` with input: `binary.Read(r, o, &hdr)`, `json.Unmarshal(b, &req)`, `dec.Decode(&req)`, `fmt.Sscanf(line, "%d", &n)`. */
  private outSource(call: GoNode, i: number): InputOrigin | null {
    const a = args(call);
    const target = a[i] ? keyOf(a[i]!).replace(/^&/, "") : "";
    if (importedCall(this.env, call, "encoding/binary") === "Read" && i === 2) return { node: call, desc: `binary.Read into ${target}` };
    for (const pkg of ["encoding/json", "encoding/xml"] as const) {
      if (importedCall(this.env, call, pkg) === "Unmarshal" && i === 1 && !this.fromFile(a[0], call.range[0])) {
        return { node: call, desc: `${pkg.slice(9)}.Unmarshal into ${target}` };
      }
    }
    const fn = unparen(call.field("function"));
    if (fn?.type === "selector_expression" && i === 0 && ["Decode", "DecodeElement"].includes(fn.field("field")?.text ?? "")) {
      const kind = this.decoderKind(fn.field("operand"), call.range[0]);
      if (kind) return { node: call, desc: `${kind} decoding into ${target}` };
    }
    const scan = importedCall(this.env, call, "fmt");
    if (scan && ["Sscan", "Sscanf", "Sscanln"].includes(scan) && i >= (scan === "Sscanf" ? 2 : 1)) {
      const what = a[0] ? this.dataOrigin(a[0], call.range[0]) : null;
      if (what) return { node: call, desc: `fmt.${scan} on ${what}` };
    }
    return null;
  }

  /** `json.NewDecoder(x)` (not over a file), a local holding one, or a `*json.Decoder`-typed value: "json". */
  private decoderKind(op: GoNode | undefined, at: number, depth = 0): string | null {
    const o = unparen(op);
    if (!o || depth > 4) return null;
    for (const pkg of ["encoding/json", "encoding/gob", "encoding/xml"]) {
      if (importedCall(this.env, o, pkg) === "NewDecoder") return this.fromFile(args(o)[0], at) ? null : pkg.slice(9);
    }
    const t = underlying(this.env.ir, derefType(underlying(this.env.ir, this.env.scopes.typeOf(o))));
    if (t.k === "named" && t.name === "Decoder" && ["encoding/json", "encoding/gob", "encoding/xml"].includes(t.pkg ?? "")) return t.pkg!.slice(9);
    if (o.type === "identifier") {
      const v = this.env.scopes.resolve(o);
      if (!v) return null;
      for (const d of this.defsOf(v)) {
        if (d.end > at || d.kind !== "value") continue;
        const k = this.decoderKind(d.value, at, depth + 1);
        if (k) return k;
      }
    }
    return null;
  }

  /**
   * Does the expression read a local file or standard input (`os.ReadFile`,
   * `os.Open`, `os.Stdin`, directly or through a local)? Configuration and
   * the user's own input, not a peer's.
   */
  private fromFile(expr: GoNode | undefined, at: number, depth = 0): boolean {
    if (!expr || depth > 4) return false;
    let hit = false;
    walk(expr, (n) => {
      if (hit || n.type === "func_literal") return false;
      if (n.type === "call_expression") {
        const os = importedCall(this.env, n, "os");
        const io = importedCall(this.env, n, "io/ioutil");
        if ((os && FILE_READS.has(os)) || io === "ReadFile") hit = true;
      }
      if (n.type === "selector_expression" && importedName(this.env, n, "os") === "Stdin") hit = true;
      if (n.type === "identifier") {
        const v = this.env.scopes.resolve(n);
        if (v) {
          for (const d of this.defsOf(v)) {
            if (d.end <= at && (d.kind === "value" || d.kind === "call") && this.fromFile(d.value, at, depth + 1)) hit = true;
          }
        }
      }
      return !hit;
    });
    return hit;
  }

  /** Is the expression a `*http.Request` (or a web framework's request context)? */
  isRequest(expr: GoNode): boolean {
    const t = derefType(underlying(this.env.ir, this.env.scopes.typeOf(expr)));
    if (t.k !== "named") return false;
    if (t.pkg === "net/http" && t.name === "Request") return true;
    return (t.name === "Context" || t.name === "Ctx") && FRAMEWORK_CONTEXT.test(t.pkg ?? "");
  }

  /**
   * Does a string or byte expression carry outside data: anything from a
   * request, a line read off a reader or connection, a buffer a reader filled,
   * a decoded value? Returns how to name it.
   */
  dataOrigin(expr: GoNode, at: number): string | null {
    let what: string | null = null;
    walk(expr, (n) => {
      if (what || n.type === "func_literal") return false;
      if (n.type === "identifier") {
        const v = this.env.scopes.resolve(n);
        if (!v) return;
        if (this.isRequest(n)) what = "request data";
        else what = this.varData(v, at);
        return false;
      }
      if (n.type === "call_expression") {
        const fn = unparen(n.field("function"));
        if (fn?.type === "selector_expression") {
          const name = fn.field("field")?.text ?? "";
          const local = this.fromFile(fn.field("operand"), n.range[0]);
          if (LINE_READS.has(name) && !local && !importedName(this.env, fn, "strings") && !importedName(this.env, fn, "bytes")) what = "a line read from a reader";
          else if ((name === "Text" || name === "Bytes") && !local && args(n).length === 0 && this.isScanner(fn.field("operand"))) what = "a line read from a scanner";
        }
      }
      return !what;
    });
    return what;
  }

  private varData(v: LocalVar, at: number): string | null {
    if (this.dataActive.has(v)) return null;
    this.dataActive.add(v);
    try {
      for (const d of this.defsOf(v)) {
        if (d.end > at) continue;
        if (d.kind === "source") return "decoded input";
        if ((d.kind === "value" || d.kind === "call" || d.kind === "range") && d.value) {
          const w = this.dataOrigin(d.value, d.pos);
          if (w) return w;
        }
      }
      // A buffer a reader filled: `conn.Read(buf)`, `io.ReadFull(r, buf)`.
      for (const id of this.refs.get(v) ?? []) {
        if (id.range[0] >= at) continue;
        let x: GoNode = id;
        while (x.parent && (x.parent.type === "parenthesized_expression" || (x.parent.type === "slice_expression" && x.parent.field("operand") === x))) x = x.parent;
        const list = x.parent;
        const call = list?.type === "argument_list" ? list.parent : null;
        if (!call) continue;
        const i = list!.children.indexOf(x);
        const io = importedCall(this.env, call, "io");
        if ((io === "ReadFull" || io === "ReadAtLeast") && i === 1 && !this.fromFile(args(call)[0], at)) return "data read from a reader";
        const fn = unparen(call.field("function"));
        if (fn?.type === "selector_expression" && fn.field("field")?.text === "Read" && i === 0 && args(call).length === 1 && !importedName(this.env, fn, "math/rand") && !importedName(this.env, fn, "crypto/rand") && !this.fromFile(fn.field("operand"), at)) {
          return "data read from a reader";
        }
      }
      return null;
    } finally {
      this.dataActive.delete(v);
    }
  }

  private isScanner(op: GoNode | undefined): boolean {
    const o = unparen(op);
    if (!o) return false;
    const t = derefType(underlying(this.env.ir, this.env.scopes.typeOf(o)));
    if (t.k === "named" && t.pkg === "bufio" && t.name === "Scanner") return true;
    if (o.type !== "identifier") return false;
    const v = this.env.scopes.resolve(o);
    return !!v && this.defsOf(v).some((d) => d.kind === "value" && importedCall(this.env, d.value, "bufio") === "NewScanner");
  }

  // ---- guards ---------------------------------------------------------------------------

  /**
   * Is the subject bounded on every path to `alloc` by a guard that starts
   * after `after`? Guards: an enclosing if/switch branch taken only when an
   * upper-bound comparison holds; an earlier if (in a block around `alloc`)
   * whose bound-failing branch returns, errors, continues or panics, or clamps
   * the value; a validation call in an if that leaves.
   */
  guarded(alloc: GoNode, subject: Subject, after: number): boolean {
    let child: GoNode = alloc;
    for (let a = alloc.parent; a; child = a, a = a.parent) {
      if (a.type === "function_declaration" || a.type === "method_declaration") break;
      if (a.type === "if_statement" && (a.field("condition")?.range[0] ?? -1) > after) {
        const b = this.bound(a.field("condition"), subject);
        const cons = a.field("consequence");
        const alt = a.field("alternative");
        if (cons && within(alloc, cons) && (b.whenTrue || this.validates(a, subject))) return true;
        if (alt && within(alloc, alt) && (b.whenFalse || (this.validates(a, subject) && !!cons && terminates(this.env, cons)))) return true;
      }
      if ((a.type === "expression_case" || a.type === "default_case") && a.parent?.type === "expression_switch_statement" && !a.parent.field("value") && a.parent.range[0] > after) {
        if (a.type === "expression_case" && this.bound(a.field("value"), subject).whenTrue) return true;
        if (this.switchGuard(a.parent, subject, a)) return true;
      }
      if (a.type === "statement_list") {
        for (const s of a.children) {
          if (s === child) break;
          if (s.range[0] <= after) continue;
          if (this.guardStatement(s, subject)) return true;
        }
      }
    }
    return false;
  }

  private guardStatement(s: GoNode, subject: Subject): boolean {
    if (s.type === "if_statement") {
      const b = this.bound(s.field("condition"), subject);
      const cons = s.field("consequence");
      const alt = s.field("alternative");
      if (b.whenFalse && cons && (terminates(this.env, cons) || this.assigns(cons, subject))) return true;
      if (b.whenTrue && alt && (terminates(this.env, alt) || this.assigns(alt, subject))) return true;
      if (this.validates(s, subject) && cons && terminates(this.env, cons)) return true;
      // else-if chains: `if x { ... } else if n > max { return }`
      return false;
    }
    if (s.type === "expression_switch_statement" && !s.field("value")) return this.switchGuard(s, subject, null);
    return false;
  }

  private switchGuard(sw: GoNode, subject: Subject, current: GoNode | null): boolean {
    for (const c of sw.children) {
      if (c === current || c.type !== "expression_case") continue;
      if (this.bound(c.field("value"), subject).whenFalse && (terminates(this.env, c) || this.assigns(c, subject))) return true;
    }
    return false;
  }

  /** Which branch of a condition has the subject bounded from above. */
  private bound(cond: GoNode | undefined, subject: Subject): { whenTrue: boolean; whenFalse: boolean } {
    const out = { whenTrue: false, whenFalse: false };
    const visit = (n: GoNode | undefined, neg: boolean): void => {
      const e = unparen(n);
      if (!e) return;
      if (e.type === "expression_list") {
        for (const c of e.children) visit(c, neg);
        return;
      }
      if (e.type === "unary_expression" && e.field("operator")?.text === "!") return visit(e.field("operand"), !neg);
      if (e.type === "call_expression") {
        if (this.isValidator(e, subject)) out.whenTrue = out.whenFalse = true;
        return;
      }
      if (e.type !== "binary_expression") return;
      const op = e.field("operator")?.text ?? "";
      if (op === "&&" || op === "||") {
        visit(e.field("left"), neg);
        visit(e.field("right"), neg);
        return;
      }
      if (!["<", "<=", ">", ">=", "==", "!="].includes(op)) return;
      const left = e.field("left");
      const right = e.field("right");
      if (!left || !right) return;
      const l = this.mentions(left, subject);
      const r = this.mentions(right, subject);
      if (l === r) return;
      const other = l ? right : left;
      if (unparen(other)?.type === "nil") return;
      const k = constInt(this.env, other);
      if (k !== null && k <= 0) return;
      let upperWhenTrue: boolean;
      switch (op) {
        case "<":
        case "<=":
          upperWhenTrue = l;
          break;
        case ">":
        case ">=":
          upperWhenTrue = r;
          break;
        case "==":
          upperWhenTrue = true;
          break;
        default:
          upperWhenTrue = false;
      }
      if (neg) upperWhenTrue = !upperWhenTrue;
      if (upperWhenTrue) out.whenTrue = true;
      else out.whenFalse = true;
    };
    visit(cond, false);
    return out;
  }

  /** Does the if statement's initializer or condition call a validator on the subject (`if err := check(n); err != nil`)? */
  private validates(ifs: GoNode, subject: Subject): boolean {
    let hit = false;
    for (const part of [ifs.field("initializer"), ifs.field("condition")]) {
      if (!part) continue;
      walk(part, (n) => {
        if (hit || n.type === "func_literal") return false;
        if (n.type === "call_expression" && this.isValidator(n, subject)) hit = true;
        return !hit;
      });
    }
    return hit;
  }

  /** A call of the package's own code (or a method) that is given the subject: it may check it. */
  private isValidator(call: GoNode, subject: Subject): boolean {
    const fn = unparen(call.field("function"));
    if (!fn) return false;
    if (fn.type === "identifier") {
      // The package's functions and local function values; not builtins, conversions or unknowns.
      if (!this.env.scopes.resolve(fn) && (NON_VALIDATORS.has(fn.text) || !this.env.ir.funcs.has(fn.text))) return false;
    } else if (fn.type === "selector_expression") {
      const op = unparen(fn.field("operand"));
      if (op?.type === "identifier" && !this.env.scopes.resolve(op) && this.env.file.imports.has(op.text)) return false;
      if (this.byteOrderRead(call)) return false;
      if (op && this.validatorMentions(op, subject)) return true;
    } else return false;
    return args(call).some((x) => this.validatorMentions(x, subject));
  }

  private validatorMentions(n: GoNode, subject: Subject): boolean {
    if (this.mentions(n, subject)) return true;
    if (subject.kind === "key" && subject.root) {
      const root = subject.root;
      let hit = false;
      walk(n, (x) => {
        if (x.type === "identifier" && this.env.scopes.resolve(x) === root) hit = true;
        return !hit;
      });
      return hit;
    }
    return false;
  }

  /** Does the expression contain the subject: the variable, or the same path (`hdr.Len`)? */
  private mentions(n: GoNode, subject: Subject): boolean {
    let hit = false;
    walk(n, (x) => {
      if (hit || x.type === "func_literal") return false;
      if (subject.kind === "var") {
        if (x.type === "identifier" && this.env.scopes.resolve(x) === subject.v) hit = true;
      } else if ((x.type === "selector_expression" || x.type === "index_expression" || x.type === "call_expression" || x.type === "unary_expression") && keyOf(x) === subject.key) {
        hit = true;
      }
      return !hit;
    });
    return hit;
  }

  /** Does the block assign the subject (a clamp: `n = max`) or record an error (`err = errTooLarge`)? */
  private assigns(block: GoNode, subject: Subject): boolean {
    let hit = false;
    walk(block, (x) => {
      if (hit || x.type === "func_literal") return false;
      if (x.type === "assignment_statement") {
        const left = x.field("left");
        if (left && (this.mentions(left, subject) || left.children.some((l) => /^err/i.test(l.text) && l.type === "identifier"))) hit = true;
      }
      return !hit;
    });
    return hit;
  }
}

export type Subject = { kind: "var"; v: LocalVar } | { kind: "key"; key: string; root: LocalVar | null };

/** Whitespace-free source text: identity of `hdr.Len` within a function. */
export function keyOf(n: GoNode): string {
  return (unparen(n) ?? n).text.replace(/\s+/g, "");
}

/** The identifier at the root of `a.b[i].c`, `*p`, `(x).y`. */
function rootIdent(n: GoNode | undefined): GoNode | null {
  let x = unparen(n);
  while (x) {
    if (x.type === "identifier") return x;
    if (x.type === "selector_expression" || x.type === "index_expression") x = unparen(x.field("operand"));
    else if (x.type === "unary_expression" && x.field("operator")?.text === "*") x = unparen(x.field("operand"));
    else return null;
  }
  return null;
}

/** `b[1:5]` → `b`. */
function stripSlices(n: GoNode): GoNode {
  let x = unparen(n) ?? n;
  while (x.type === "slice_expression" && x.field("operand")) x = unparen(x.field("operand")) ?? x;
  return x;
}

function rootVar(env: SyntaxEnv, n: GoNode): LocalVar | null {
  const id = rootIdent(n);
  return (id && env.scopes.resolve(id)) ?? null;
}

const LEAVING_CALL = /(^|\.)(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln|Exit|FailNow|Skip|Skipf|SkipNow|Goexit)$/;

/** Does the block leave on some path: return, continue, break, goto, panic, log.Fatal, os.Exit? */
export function terminates(env: SyntaxEnv, block: GoNode): boolean {
  let hit = false;
  walk(block, (n) => {
    if (hit || FUNC_NODE_TYPES.has(n.type)) return n === block && !hit;
    if (["return_statement", "continue_statement", "break_statement", "goto_statement"].includes(n.type)) hit = true;
    if (n.type === "call_expression") {
      const fn = unparen(n.field("function"));
      if (isBuiltinCall(env, n, "panic") || (fn && LEAVING_CALL.test(fn.text.replace(/\s+/g, "")))) hit = true;
    }
    return !hit;
  });
  return hit;
}

/**
 * Where a value comes from, followed through the locals of one function: a
 * length prefix or varint decoded from bytes, a number parsed from request
 * data or from a line read off a connection, a field of a value a decoder
 * filled (src/analysis/base/outside-input.ts says what each read is). Reads
 * of local files and standard input, and buffers the kernel filled, are not
 * a peer's input.
 */
import type { LocalVar } from "../../ir/scopes.js";
import { args, exprKey, FUNC_NODE_TYPES, unparen, walk } from "../../ir/syntax.js";
import type { GoNode } from "../../parse/node.js";
import {
  byteOrderRead,
  decodeCallInto,
  decoderType,
  isBinaryReadInto,
  isKernelCall,
  isLocalFileRead,
  isNewScannerCall,
  isRequestType,
  isScannerType,
  isStdin,
  lineRead,
  newDecoderCall,
  numberParse,
  readerFill,
  scannerLineCall,
  stringScan,
  unmarshalInto,
  varintRead,
  type SourceEnv,
} from "../base/outside-input.js";
import { Definitions, type InputOrigin } from "./locals.js";

export class Origins {
  readonly defs: Definitions;
  /** Locals whose data origin is being asked (a cycle through assignments is no origin). */
  private readonly dataActive = new Set<LocalVar>();

  constructor(readonly env: SourceEnv) {
    this.defs = new Definitions(env, (call, i) => this.argumentSource(call, i));
  }

  /** A length prefix decoded from bytes (`binary.BigEndian.Uint32(b)`), unless the kernel or C code wrote those bytes. */
  lengthPrefix(call: GoNode): InputOrigin | null {
    const fn = unparen(call.field("function"));
    if (fn?.type !== "selector_expression" || this.osFilled(args(call)[0])) return null;
    const desc = byteOrderRead(this.env, call);
    return desc ? { node: call, desc } : null;
  }

  /**
   * Bytes the operating system or C code wrote: the buffer (a local) is
   * handed to `unsafe.Pointer(...)` or straight to a syscall/unix/windows call.
   * A length the kernel reports is not a peer's.
   */
  private osFilled(buf: GoNode | undefined): boolean {
    const root = buf ? rootVar(this.env, stripSlices(buf)) : null;
    if (!root) return false;
    for (const id of this.defs.uses(root)) {
      for (let q = id.parent; q && !FUNC_NODE_TYPES.has(q.type); q = q.parent) {
        if (q.type !== "call_expression") continue;
        if (isKernelCall(this.env, q)) return true;
        break;
      }
    }
    return false;
  }

  /** A value a call returns in position `index` that is input: `binary.Uvarint`, `strconv.Atoi` of request data. */
  callResult(call: GoNode, index: number): InputOrigin | null {
    const c = unparen(call);
    if (!c || c.type !== "call_expression" || index !== 0) return null;
    const varint = varintRead(this.env, c);
    if (varint) return { node: c, desc: varint };
    const parse = numberParse(this.env, c);
    if (parse) {
      const a = args(c)[0];
      const what = a ? this.dataOrigin(a, c.start) : null;
      if (what) return { node: c, desc: `${parse} on ${what}` };
    }
    return null;
  }

  /** A call that fills argument `i` with input: `binary.Read(r, o, &hdr)`, `json.Unmarshal(b, &req)`, `dec.Decode(&req)`, `fmt.Sscanf(line, "%d", &n)`. */
  private argumentSource(call: GoNode, i: number): InputOrigin | null {
    const a = args(call);
    const target = a[i] ? exprKey(a[i]!).replace(/^&/, "") : "";
    if (isBinaryReadInto(this.env, call, i)) return { node: call, desc: `binary.Read into ${target}` };
    const format = unmarshalInto(this.env, call, i);
    if (format && !this.fromFile(a[0], call.start)) return { node: call, desc: `${format}.Unmarshal into ${target}` };
    const decoder = decodeCallInto(call, i);
    if (decoder) {
      const kind = this.decoderKind(decoder, call.start);
      if (kind) return { node: call, desc: `${kind} decoding into ${target}` };
    }
    const scan = stringScan(this.env, call);
    if (scan && i >= scan.firstTarget) {
      const what = a[0] ? this.dataOrigin(a[0], call.start) : null;
      if (what) return { node: call, desc: `${scan.name} on ${what}` };
    }
    return null;
  }

  /** `json.NewDecoder(x)` (not over a file), a local holding one, or a `*json.Decoder`-typed value: "json". */
  private decoderKind(op: GoNode | undefined, at: number, depth = 0): string | null {
    const o = unparen(op);
    if (!o || depth > 4) return null;
    const made = newDecoderCall(this.env, o);
    if (made) return this.fromFile(made.reader, at) ? null : made.kind;
    const typed = decoderType(this.env.ir, this.env.scopes.typeOf(o));
    if (typed) return typed;
    if (o.type === "identifier") {
      const v = this.env.scopes.resolve(o);
      if (!v) return null;
      for (const d of this.defs.of(v)) {
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
      if (n.type === "call_expression" && isLocalFileRead(this.env, n)) hit = true;
      if (isStdin(this.env, n)) hit = true;
      if (n.type === "identifier") {
        const v = this.env.scopes.resolve(n);
        if (v) {
          for (const d of this.defs.of(v)) {
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
    return isRequestType(this.env.ir, this.env.scopes.typeOf(expr));
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
        const line = lineRead(this.env, n);
        const scanned = line ? null : scannerLineCall(n);
        if (line && !this.fromFile(line.reader, n.start)) what = "a line read from a reader";
        else if (scanned && !this.fromFile(scanned.scanner, n.start) && this.isScanner(scanned.scanner)) what = "a line read from a scanner";
      }
      return !what;
    });
    return what;
  }

  private varData(v: LocalVar, at: number): string | null {
    if (this.dataActive.has(v)) return null;
    this.dataActive.add(v);
    try {
      for (const d of this.defs.of(v)) {
        if (d.end > at) continue;
        if (d.kind === "source") return "decoded input";
        if ((d.kind === "value" || d.kind === "call" || d.kind === "range") && d.value) {
          const w = this.dataOrigin(d.value, d.pos);
          if (w) return w;
        }
      }
      // A buffer a reader filled: `conn.Read(buf)`, `io.ReadFull(r, buf)`.
      for (const id of this.defs.uses(v)) {
        if (id.start >= at) continue;
        let x: GoNode = id;
        while (x.parent && (x.parent.type === "parenthesized_expression" || (x.parent.type === "slice_expression" && x.parent.field("operand") === x))) x = x.parent;
        const list = x.parent;
        const call = list?.type === "argument_list" ? list.parent : null;
        if (!call) continue;
        const fill = readerFill(this.env, call);
        if (fill && list!.children.indexOf(x) === fill.index && !this.fromFile(fill.reader, at)) return "data read from a reader";
      }
      return null;
    } finally {
      this.dataActive.delete(v);
    }
  }

  private isScanner(op: GoNode | undefined): boolean {
    const o = unparen(op);
    if (!o) return false;
    if (isScannerType(this.env.ir, this.env.scopes.typeOf(o))) return true;
    if (o.type !== "identifier") return false;
    const v = this.env.scopes.resolve(o);
    return !!v && this.defs.of(v).some((d) => d.kind === "value" && isNewScannerCall(this.env, d.value));
  }
}

/** The identifier at the root of `a.b[i].c`, `*p`, `(x).y`. */
export function rootIdent(n: GoNode | undefined): GoNode | null {
  let x = unparen(n);
  while (x) {
    if (x.type === "identifier") return x;
    if (x.type === "selector_expression" || x.type === "index_expression") x = unparen(x.field("operand"));
    else if (x.type === "unary_expression" && x.field("operator")?.text === "*") x = unparen(x.field("operand"));
    else return null;
  }
  return null;
}

export function rootVar(env: SourceEnv, n: GoNode): LocalVar | null {
  const id = rootIdent(n);
  return (id && env.scopes.resolve(id)) ?? null;
}

/** `b[1:5]` → `b`. */
function stripSlices(n: GoNode): GoNode {
  let x = unparen(n) ?? n;
  while (x.type === "slice_expression" && x.field("operand")) x = unparen(x.field("operand")) ?? x;
  return x;
}

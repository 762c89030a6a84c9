/**
 * The unsafe-headers analyzer: slices and pointers made by hand with `unsafe`.
 *
 *   - `reflect.SliceHeader{...}` / `reflect.StringHeader{...}` literals;
 *   - writes to `Data`, `Len`, `Cap` of a header, whether a variable
 *     (`hdr := (*reflect.SliceHeader)(unsafe.Pointer(&s)); hdr.Len = n`) or
 *     the conversion itself; one hazard per header variable, at its first
 *     field write, with its other field writes;
 *   - `unsafe.Slice(p, n)` / `unsafe.String(p, n)` where `p` is `&a[i]` or
 *     `unsafe.SliceData(a)` and `n` is known to run past what `a` holds (a
 *     constant beyond a literal array's or `make`'s size, `len(a)+k`);
 *   - `unsafe.Add` past the end of an object of known size;
 *   - writes through a pointer computed with uintptr arithmetic
 *     (`*(*T)(unsafe.Pointer(uintptr(unsafe.Pointer(p)) + off)) = v`), also
 *     when the pointer or the uintptr was stored in a variable first.
 *
 * Reads of header fields and reads through uintptr arithmetic are not hazards:
 * a header obtained by converting a real slice describes that slice, and
 * reading through `unsafe.Pointer(uintptr(p) + off)` in one expression is a
 * pattern the unsafe package allows; only bounds are at stake there, and they
 * can't be known. Imports under another name (`import u "unsafe"`) are
 * followed. Files that import neither unsafe nor reflect are not looked at.
 */
import type { GoNode } from "../parse/node.js";
import type { LocalVar } from "../ir/scopes.js";
import type { FileIR, GoType } from "../ir/types.js";
import { constInt, initializerOf } from "../ir/consts.js";
import { args, parentOf, shortText, spanOf, unparen } from "../ir/syntax.js";
import { defineAnalyzer } from "./framework.js";
import { inspectAnalyzer, type Inspector } from "./base/inspect.js";
import { scopesAnalyzer } from "./base/scopes.js";
import { conversion, typeOf, uintptrArg, unsafePointerArg } from "./unsafe-syntax.js";
import { importedName, type SyntaxEnv } from "../ir/names.js";
import { importedCall, isBuiltinCall } from "../ir/names.js";

export type HeaderType = "SliceHeader" | "StringHeader";

export type UnsafeHazard =
  /** A header literal with fields: `reflect.SliceHeader{Data: p, Len: n, Cap: n}`. */
  | { kind: "literal"; node: GoNode; header: HeaderType }
  /**
   * Field writes of a header: `node` is the first write (`h.Len`); `header` the
   * variable's name, or the text of the operand written through when it is no variable.
   */
  | { kind: "fieldWrite"; node: GoNode; type: HeaderType; header: string; fields: string[]; variable: LocalVar | null; otherWrites: GoNode[]; init: GoNode | null }
  /** `unsafe.Slice`/`unsafe.String` spanning `length` elements from `start` of `base`, which has `available`. */
  | { kind: "sliceOverflow"; node: GoNode; call: "Slice" | "String"; base: string; start: number; length: string; available: string }
  /** `unsafe.Add` `offset` bytes into `base`, an object of `size` bytes. */
  | { kind: "addOverflow"; node: GoNode; base: string; offset: number; size: number }
  /** A write (`statement`, target `node`) through `pointer`, an `unsafe.Pointer(...)` of uintptr arithmetic. */
  | { kind: "arithWrite"; node: GoNode; statement: GoNode; pointer: GoNode };

export interface UnsafeHeaders {
  /** The hazards of one file, in source order. */
  inFile(file: FileIR): readonly UnsafeHazard[];
}

const HEADERS: ReadonlySet<string> = new Set(["SliceHeader", "StringHeader"]);
const HEADER_FIELDS: ReadonlySet<string> = new Set(["Data", "Len", "Cap"]);
const WRITES = ["assignment_statement", "inc_statement", "dec_statement"];

/** Largest size of a basic type on any platform (int and uintptr count as 8). */
const BASIC_SIZE: Record<string, number> = {
  bool: 1, uint8: 1, int8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, float32: 4,
  int64: 8, uint64: 8, float64: 8, int: 8, uint: 8, uintptr: 8, complex64: 8, complex128: 16,
};

export const unsafeHeadersAnalyzer = defineAnalyzer<UnsafeHeaders>({
  name: "unsafe-headers",
  doc: `Slice and string headers built by hand, unsafe.Slice/String/Add past the end of their source, writes through uintptr arithmetic.

Per file that imports unsafe or reflect: header literals and field writes
(through locals initialized from header conversions), unsafe.Slice and
unsafe.String of &a[i] or unsafe.SliceData(a) against what a is known to
hold (a literal, an array type, make), unsafe.Add against the size of an
array or scalar, and assignments whose target is reached through
unsafe.Pointer(uintptr(...) + off), directly or through locals.`,
  requires: [inspectAnalyzer, scopesAnalyzer],
  run(pass) {
    const inspect = pass.resultOf(inspectAnalyzer);
    const scopes = pass.resultOf(scopesAnalyzer);
    const byFile = new Map<FileIR, UnsafeHazard[]>();
    for (const file of pass.ir.files) {
      const paths = new Set(file.imports.values());
      if (!paths.has("unsafe") && !paths.has("reflect")) continue;
      byFile.set(file, new FileChecker({ ir: pass.ir, file, scopes: scopes.of(file) }, inspect).hazards());
    }
    return { inFile: (file) => byFile.get(file) ?? [] };
  },
  toJSON: (result, pass) => pass.ir.files.flatMap((file) => result.inFile(file).map((h) => describe(h, file))),
});

/** A hazard as `go-hazard facts` prints it: position, kind, what. */
function describe(h: UnsafeHazard, file: FileIR): string {
  const s = spanOf(h.node, file);
  const at = `${s.file}:${s.line}:${s.column}`;
  switch (h.kind) {
    case "literal":
      return `${at} literal reflect.${h.header}`;
    case "fieldWrite":
      return `${at} field write ${h.header}.{${h.fields.join(",")}} (reflect.${h.type})`;
    case "sliceOverflow":
      return `${at} unsafe.${h.call} spans ${h.length} from ${h.base}[${h.start}], which has ${h.available}`;
    case "addOverflow":
      return `${at} unsafe.Add ${h.offset} bytes into ${h.base} of ${h.size}`;
    case "arithWrite":
      return `${at} write through uintptr arithmetic ${shortText(h.pointer, 80)}`;
  }
}

interface Extent {
  /** Elements available from index 0 (the capacity when known). */
  cap: number;
  /** Length, when known. */
  len: number | null;
  elem: GoType | null;
  /** `an array of 16`, `make([]byte, 8)`. */
  how: string;
}

/** The hazards of one file. */
class FileChecker {
  private readonly found: UnsafeHazard[] = [];
  /** Header variables already reported (one hazard per variable). */
  private readonly reportedHeaders = new Set<LocalVar>();

  constructor(
    private readonly env: SyntaxEnv,
    private readonly inspect: Inspector,
  ) {}

  hazards(): UnsafeHazard[] {
    const { file } = this.env;
    for (const n of this.inspect.inFile(file, "composite_literal")) this.literal(n);
    for (const type of WRITES) for (const n of this.inspect.inFile(file, type)) this.write(n);
    for (const n of this.inspect.inFile(file, "call_expression")) this.call(n);
    return this.found.sort((a, b) => a.node.start - b.node.start);
  }

  // ---- reflect.SliceHeader / StringHeader ------------------------------------------

  private literal(node: GoNode): void {
    const name = importedName(this.env, node.field("type"), "reflect");
    if (!name || !HEADERS.has(name)) return;
    // An empty literal describes nothing (reflect.TypeOf(reflect.SliceHeader{})); filling it in later is a field write.
    if ((node.field("body")?.children.length ?? 0) === 0) return;
    this.found.push({ kind: "literal", node, header: name as HeaderType });
  }

  /** reflect.SliceHeader / StringHeader behind an expression (value or pointer), or null. */
  private headerType(expr: GoNode | undefined, depth = 0): HeaderType | null {
    const n = unparen(expr);
    if (!n || depth > 4) return null;
    const conv = conversion(n);
    if (conv?.pointer) return headerName(importedName(this.env, conv.pointer, "reflect"));
    if (n.type === "composite_literal" || (n.type === "unary_expression" && n.field("operator")?.text === "&")) {
      const lit = n.type === "composite_literal" ? n : unparen(n.field("operand"));
      return lit?.type === "composite_literal" ? headerName(importedName(this.env, lit.field("type"), "reflect")) : null;
    }
    // *(*reflect.SliceHeader)(unsafe.Pointer(&b)): a copy of the header, usually converted back afterwards.
    if (n.type === "unary_expression" && n.field("operator")?.text === "*") return this.headerType(n.field("operand"), depth + 1);
    const t = this.env.scopes.typeOf(n);
    const base = t.k === "ptr" ? t.elem : t;
    if (base.k === "named" && base.pkg === "reflect" && HEADERS.has(base.name)) return base.name as HeaderType;
    if (n.type === "identifier") {
      const v = this.env.scopes.resolve(n);
      const init = v ? initializerOf(v) : null;
      if (init) return this.headerType(init, depth + 1);
    }
    return null;
  }

  private write(stmt: GoNode): void {
    for (const l0 of writeTargets(stmt)) {
      const l = unparen(l0);
      if (!l) continue;
      if (isHeaderField(l)) this.headerWrite(l);
      this.arithWrite(stmt, l);
    }
  }

  private headerWrite(lhs: GoNode): void {
    const operand = unparen(lhs.field("operand"));
    const type = this.headerType(operand);
    if (!type || !operand) return;
    const v = operand.type === "identifier" ? this.env.scopes.resolve(operand) : undefined;
    if (!v) {
      this.found.push({ kind: "fieldWrite", node: lhs, type, header: shortText(operand), fields: [lhs.field("field")!.text], variable: null, otherWrites: [], init: null });
      return;
    }
    // One hazard per header variable: at its first field write, with the others.
    if (this.reportedHeaders.has(v)) return;
    this.reportedHeaders.add(v);
    const writes: GoNode[] = [];
    for (const use of this.env.scopes.uses(v)) {
      const sel = parentOf(use);
      if (sel && isHeaderField(sel) && unparen(sel.field("operand")) === use && isWriteTarget(sel)) writes.push(sel);
    }
    const first = writes[0] ?? lhs;
    this.found.push({
      kind: "fieldWrite",
      node: first,
      type,
      header: v.name,
      fields: [...new Set(writes.map((w) => w.field("field")!.text))],
      variable: v,
      otherWrites: writes.slice(1),
      init: initializerOf(v),
    });
  }

  // ---- uintptr arithmetic -----------------------------------------------------------

  /** `uintptr(...) + off` (or a uintptr variable holding such a value, or a converted pointer). */
  private isAddressArith(expr: GoNode | undefined, depth = 0): boolean {
    const n = unparen(expr);
    if (!n || depth > 6) return false;
    if (n.type !== "binary_expression") return false;
    const op = n.field("operator")?.text;
    if (op !== "+" && op !== "-" && op !== "&^" && op !== "&") return false;
    return this.isAddress(n.field("left"), depth + 1) || this.isAddress(n.field("right"), depth + 1);
  }

  /** An address held as an integer: `uintptr(p)`, `uintptr(p) + off`, or a local uintptr variable initialized from one. */
  private isAddress(expr: GoNode | undefined, depth = 0): boolean {
    const n = unparen(expr);
    if (!n || depth > 6) return false;
    const conv = uintptrArg(this.env, n);
    if (conv) return this.isPointerValue(conv);
    if (this.isAddressArith(n, depth + 1)) return true;
    if (n.type === "identifier") {
      const v = this.env.scopes.resolve(n);
      if (!v) return false;
      const init = initializerOf(v);
      return !!init && this.isAddress(init, depth + 1);
    }
    return false;
  }

  /** An expression known to be a pointer: `unsafe.Pointer(...)`, `&x`, a value of pointer or unsafe.Pointer type. */
  private isPointerValue(expr: GoNode): boolean {
    const n = unparen(expr);
    if (!n) return false;
    if (unsafePointerArg(this.env, n)) return true;
    if (n.type === "unary_expression" && n.field("operator")?.text === "&") return true;
    const t = this.env.scopes.typeOf(n);
    return t.k === "ptr" || (t.k === "named" && t.pkg === "unsafe" && t.name === "Pointer");
  }

  /**
   * A pointer made from uintptr arithmetic: `unsafe.Pointer(uintptr(p) + off)`,
   * `unsafe.Pointer(addr)` with `addr := uintptr(p) + off`, a conversion of
   * either, or a local initialized from one. Returns the unsafe.Pointer(...) call.
   */
  private arithPointer(expr: GoNode | undefined, depth = 0): GoNode | null {
    const n = unparen(expr);
    if (!n || depth > 6) return null;
    const arg = unsafePointerArg(this.env, n);
    if (arg) {
      if (this.isAddressArith(arg)) return n;
      const a = unparen(arg);
      if (a?.type === "identifier" && this.isAddress(a)) {
        const v = this.env.scopes.resolve(a);
        const init = v ? initializerOf(v) : null;
        if (init && this.isAddressArith(init)) return n;
      }
      return null;
    }
    const conv = conversion(n);
    if (conv) return this.arithPointer(conv.operand, depth + 1);
    if (n.type === "identifier") {
      const v = this.env.scopes.resolve(n);
      const init = v ? initializerOf(v) : null;
      if (init) return this.arithPointer(init, depth + 1);
    }
    return null;
  }

  private arithWrite(stmt: GoNode, lhs: GoNode): void {
    // *(*T)(ptr) = v, ptr.f = v, ptr[i] = v, (*ptr)[i] = v
    let target: GoNode | undefined;
    if (lhs.type === "unary_expression" && lhs.field("operator")?.text === "*") target = lhs.field("operand");
    else if (lhs.type === "selector_expression" || lhs.type === "index_expression") {
      target = unparen(lhs.field("operand"));
      if (target?.type === "unary_expression" && target.field("operator")?.text === "*") target = target.field("operand");
    }
    if (!target) return;
    const pointer = this.arithPointer(target);
    if (pointer) this.found.push({ kind: "arithWrite", node: lhs, statement: stmt, pointer });
  }

  // ---- unsafe.Slice / unsafe.String / unsafe.Add --------------------------------------

  private call(node: GoNode): void {
    const name = importedCall(this.env, node, "unsafe");
    if (name === "Slice" || name === "String") this.sliceCall(node, name);
    else if (name === "Add") this.addCall(node);
  }

  /** `&a[i]` or `unsafe.SliceData(a)`: the base `a` and the start index. */
  private basePointer(p: GoNode | undefined): { base: GoNode; start: number } | null {
    const n = unparen(p);
    if (!n) return null;
    if (n.type === "unary_expression" && n.field("operator")?.text === "&") {
      const op = unparen(n.field("operand"));
      if (op?.type !== "index_expression") return null;
      const start = constInt(this.env, op.field("index"));
      const base = unparen(op.field("operand"));
      return start === null || !base ? null : { base, start };
    }
    if (importedCall(this.env, n, "unsafe") === "SliceData" && args(n).length === 1) return { base: unparen(args(n)[0])!, start: 0 };
    return null;
  }

  private sliceCall(node: GoNode, call: "Slice" | "String"): void {
    const [p, nArg] = args(node);
    const bp = this.basePointer(p);
    if (!bp || !nArg || bp.base.type !== "identifier") return;
    const extent = this.extentOf(bp.base);
    const base = bp.base.text;
    const { start } = bp;
    const avail = extent ? extent.cap - start : null;
    const found = (length: string, available: string) => this.found.push({ kind: "sliceOverflow", node, call, base, start, length, available });
    const n = constInt(this.env, nArg);
    if (n !== null) {
      if (extent && avail !== null && n > avail) found(String(n), start ? `${avail} from there (${extent.how})` : `${extent.cap} (${extent.how})`);
      return;
    }
    // len(a)+k / cap(a)+k with the same a.
    const e = unparen(nArg);
    let k = 0;
    let measure = e;
    if (e?.type === "binary_expression" && (e.field("operator")?.text === "+" || e.field("operator")?.text === "-")) {
      const kk = constInt(this.env, e.field("right"));
      if (kk === null) return;
      k = e.field("operator")!.text === "+" ? kk : -kk;
      measure = unparen(e.field("left"));
    }
    const isLen = isBuiltinCall(this.env, measure, "len");
    const isCap = isBuiltinCall(this.env, measure, "cap");
    if (!measure || (!isLen && !isCap)) return;
    const of = unparen(args(measure)[0]);
    if (of?.type !== "identifier" || this.env.scopes.resolve(of) !== this.env.scopes.resolve(bp.base) || of.text !== base) return;
    if (isLen && extent && extent.len !== null) {
      // Numbers known: past the length is fine while it stays within the capacity.
      const total = extent.len + k;
      if (avail !== null && total > avail) found(`${shortText(nArg)} = ${total}`, start ? `${avail} from there (${extent.cap}: ${extent.how})` : `${extent.cap} (${extent.how})`);
      return;
    }
    if (isLen && extent) return; // capacity known, length not: can't tell
    if (k + start <= 0) return;
    found(shortText(nArg), `${isCap ? "cap" : "len"}(${base})${start ? ` - ${start} from there` : ""}`);
  }

  private addCall(node: GoNode): void {
    const [p, offArg] = args(node);
    const offset = constInt(this.env, offArg);
    if (offset === null || offset < 0) return;
    const inner = unsafePointerArg(this.env, p);
    if (!inner) return;
    const u = unparen(inner);
    let base: GoNode | undefined;
    let startElems = 0;
    if (u?.type === "unary_expression" && u.field("operator")?.text === "&") {
      const op = unparen(u.field("operand"));
      if (op?.type === "identifier") base = op;
      else if (op?.type === "index_expression") {
        const i = constInt(this.env, op.field("index"));
        if (i === null) return;
        base = unparen(op.field("operand"));
        startElems = i;
      }
    } else {
      const bp = this.basePointer(u);
      if (bp) {
        base = bp.base;
        startElems = bp.start;
      }
    }
    if (!base || base.type !== "identifier") return;
    const extent = this.extentOf(base);
    let size: number | null = null;
    if (extent) {
      const es = extent.elem ? sizeOf(extent.elem) : null;
      if (es !== null) size = extent.cap * es - startElems * es;
    } else if (u?.type === "unary_expression" && unparen(u.field("operand")) === base) {
      // &x of a scalar: its size.
      size = sizeOf(this.env.scopes.typeOf(base));
    }
    if (size === null || offset < size) return;
    this.found.push({ kind: "addOverflow", node, base: base.text, offset, size });
  }

  /** What a local or package-level array/slice is known to hold: literal arrays, `make`, composite literals. */
  private extentOf(ident: GoNode): Extent | null {
    const v = this.env.scopes.resolve(ident);
    const t = typeOf(this.env, ident);
    const elem = t.k === "slice" || t.k === "array" ? t.elem : null;
    let decl: GoNode | null = null;
    let init: GoNode | null = null;
    if (v) {
      decl = v.decl;
      init = initializerOf(v);
    } else {
      const g = this.env.ir.vars.get(ident.text);
      if (!g || g.isConst) return null;
      decl = g.node;
      init = g.value;
      if (t.k !== "array") return null; // a package-level slice can be reassigned anywhere
    }
    // A slice reassigned in its function may have any length.
    if (v && t.k !== "array" && this.env.scopes.writes(v).some((w) => w.ident !== v.decl)) return null;
    const spec = decl.parent?.type === "var_spec" ? decl.parent : null;
    const declared = spec?.field("type");
    if (declared?.type === "array_type") {
      const len = constInt(this.env, declared.field("length"));
      return len === null ? null : { cap: len, len, elem, how: `an array of ${len}` };
    }
    const n = unparen(init ?? undefined);
    if (!n) return null;
    if (n.type === "composite_literal") {
      const type = n.field("type");
      const elements = n.field("body")?.children ?? [];
      if (type?.type === "array_type") {
        const len = constInt(this.env, type.field("length"));
        return len === null ? null : { cap: len, len, elem, how: `an array of ${len}` };
      }
      if ((type?.type === "implicit_length_array_type" || type?.type === "slice_type") && elements.every((e) => e.type !== "keyed_element")) {
        return { cap: elements.length, len: elements.length, elem, how: `a literal of ${elements.length}` };
      }
      return null;
    }
    if (isBuiltinCall(this.env, n, "make")) {
      const [type, l, c] = args(n);
      if (type?.type !== "slice_type") return null;
      const len = constInt(this.env, l);
      const cap = c ? constInt(this.env, c) : len;
      if (cap === null) return null;
      return { cap, len, elem, how: `${shortText(n)}` };
    }
    return null;
  }
}

function headerName(name: string | null): HeaderType | null {
  return name && HEADERS.has(name) ? (name as HeaderType) : null;
}

/** The expressions an assignment, `++` or `--` writes. */
function writeTargets(stmt: GoNode): GoNode[] {
  return stmt.type === "assignment_statement" ? stmt.field("left")?.children ?? [] : [stmt.children[0]!];
}

/** `x.Data`, `x.Len`, `x.Cap`. */
function isHeaderField(n: GoNode): boolean {
  return n.type === "selector_expression" && HEADER_FIELDS.has(n.field("field")?.text ?? "");
}

/** Is `n` (through parentheses) a target of an assignment, `++` or `--`? */
function isWriteTarget(n: GoNode): boolean {
  let x = n;
  while (x.parent?.type === "parenthesized_expression") x = x.parent;
  const p = x.parent;
  if (p?.type === "inc_statement" || p?.type === "dec_statement") return p.children[0] === x;
  return p?.type === "expression_list" && p.parent?.type === "assignment_statement" && p.parent.field("left") === p;
}

function sizeOf(t: GoType): number | null {
  if (t.k === "basic") return BASIC_SIZE[t.name] ?? null;
  return null;
}

/**
 * unsafe-slice-header: slices and pointers made by hand with `unsafe`:
 *
 *   - `reflect.SliceHeader{...}` / `reflect.StringHeader{...}` literals;
 *   - writes to `Data`, `Len`, `Cap` of a header, whether a variable
 *     (`hdr := (*reflect.SliceHeader)(unsafe.Pointer(&s)); hdr.Len = n`) or
 *     the conversion itself;
 *   - `unsafe.Slice(p, n)` / `unsafe.String(p, n)` where `p` is `&a[i]` or
 *     `unsafe.SliceData(a)` and `n` is known to run past what `a` holds (a
 *     constant beyond a literal array's or `make`'s size, `len(a)+k`);
 *   - `unsafe.Add` past the end of an object of known size;
 *   - writes through a pointer computed with uintptr arithmetic
 *     (`*(*T)(unsafe.Pointer(uintptr(unsafe.Pointer(p)) + off)) = v`), also
 *     when the pointer or the uintptr was stored in a variable first.
 *
 * Reads of header fields and reads through uintptr arithmetic are silent: a
 * header obtained by converting a real slice describes that slice, and reading
 * through `unsafe.Pointer(uintptr(p) + off)` in one expression is a pattern the
 * unsafe package allows; only bounds are at stake there, and they can't be
 * known. Imports under another name (`import u "unsafe"`) are followed.
 */
import type { GoNode } from "../src/parse/node.js";
import type { GoRule, GoRuleContext, GoRuleVisitor } from "../src/eslint/rule.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import type { LocalVar } from "../src/ir/scopes.js";
import type { GoType } from "../src/ir/types.js";
import {
  args,
  collect,
  constInt,
  conversion,
  enclosingFunc,
  envOf,
  identWrites,
  importedCall,
  importedName,
  initializerOf,
  isBuiltinCall,
  shortText,
  spanOf,
  typeOf,
  uintptrArg,
  unparen,
  unsafePointerArg,
  type SyntaxEnv,
} from "./util/hazard-syntax.js";

const HEADERS = new Set(["SliceHeader", "StringHeader"]);
const HEADER_FIELDS = new Set(["Data", "Len", "Cap"]);

/** Largest size of a basic type on any platform (int and uintptr count as 8). */
const BASIC_SIZE: Record<string, number> = {
  bool: 1, uint8: 1, int8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, float32: 4,
  int64: 8, uint64: 8, float64: 8, int: 8, uint: 8, uintptr: 8, complex64: 8, complex128: 16,
};

export const unsafeSliceHeader: GoRule = {
  meta: {
    type: "problem",
    docs: {
      description: "A slice header or pointer is made by hand with unsafe: reflect.SliceHeader literals or field writes, unsafe.Slice past the source's end, writes through uintptr arithmetic.",
      checklist: ["DP-9"],
      cwe: [787, 119],
      category: "memory-safety",
      defaultSeverity: "error",
      precision: "high",
      // An out-of-bounds write through a forged header or pointer is memory corruption.
      securitySeverity: "8.1",
      recommended: true,
    },
    messages: {
      literal:
        "Hand-built reflect.{{type}}: {{text}} makes a {{what}} header from plain integers. Its Data field is a uintptr the garbage collector does not see, so the memory it names can be freed or reused while the header still points at it, and nothing checks Len against the allocation. Build the value from a real pointer instead: {{fix}}.",
      fieldWrite:
        "Write to reflect.{{type}} field{{plural}} {{fields}} of {{header}}. Setting Data, Len or Cap by hand forges a {{what}} header: a Len or Cap beyond the allocation lets later code read and write past it, and Data is a uintptr the garbage collector does not track. Use {{fix}} with n within the allocation.",
      sliceOverflow:
        "{{call}} reaches past the end of {{base}}: it spans {{n}} elements from index {{start}}, where {{base}} has {{avail}}. The result covers memory that belongs to something else: reading it leaks data, writing it corrupts the heap. Keep the length within the source ({{fix}}).",
      addOverflow:
        "{{call}} points {{off}} bytes into {{base}}, which is only {{size}} bytes long. The pointer is outside the object: reading through it leaks neighbouring memory, writing through it corrupts it. Check the offset against the object's size first.",
      arithWrite:
        "Write through a pointer computed with uintptr arithmetic: {{target}}. {{expr}} turns an integer back into a pointer: nothing checks the offset stays inside the object, and a uintptr kept in a variable is not a reference, so the garbage collector neither keeps the object alive nor updates the address. Index a slice (unsafe.Slice(p, n)[i], bounds-checked) or use unsafe.Add with an offset checked against the object's size.",
    },
    schema: [],
    languages: ["go-hazard/go"],
  },
  create(context) {
    const env = envOf(context);
    if (!env) return {} as GoRuleVisitor;
    // Nothing to do in a file that imports neither unsafe nor reflect.
    const paths = new Set(env.file.imports.values());
    if (!paths.has("unsafe") && !paths.has("reflect")) return {} as GoRuleVisitor;
    const checker = new UnsafeChecker(env, context);
    return {
      composite_literal: (n) => checker.literal(n),
      assignment_statement: (n) => checker.write(n),
      inc_statement: (n) => checker.write(n),
      dec_statement: (n) => checker.write(n),
      call_expression: (n) => checker.call(n),
    };
  },
};

interface Extent {
  /** Elements available from index 0 (the capacity when known). */
  cap: number;
  /** Length, when known. */
  len: number | null;
  elem: GoType | null;
  /** `an array of 16`, `make([]byte, 8)`. */
  how: string;
}

class UnsafeChecker {
  /** Header variables already reported (one finding per variable and function). */
  private reportedHeaders = new Set<LocalVar>();

  constructor(
    private readonly env: SyntaxEnv,
    private readonly context: GoRuleContext,
  ) {}

  // ---- reflect.SliceHeader / StringHeader ------------------------------------------

  literal(node: GoNode): void {
    const name = importedName(this.env, node.field("type"), "reflect");
    if (!name || !HEADERS.has(name)) return;
    // An empty literal describes nothing (reflect.TypeOf(reflect.SliceHeader{})); filling it in later is a field write.
    if ((node.field("body")?.children.length ?? 0) === 0) return;
    const slice = name === "SliceHeader";
    this.context.report({
      node,
      messageId: "literal",
      data: {
        type: name,
        text: node.loc.start.line === node.loc.end.line ? shortText(node) : `${shortText(node.field("type")!)}{...}`,
        what: slice ? "slice" : "string",
        fix: slice ? "unsafe.Slice(ptr, n) (Go 1.17+)" : "unsafe.String(ptr, n) (Go 1.20+)",
      },
    });
  }

  /** reflect.SliceHeader / StringHeader behind an expression (value or pointer), or null. */
  private headerType(expr: GoNode | undefined, depth = 0): string | null {
    const n = unparen(expr);
    if (!n || depth > 4) return null;
    const conv = conversion(n);
    if (conv?.pointer) {
      const name = importedName(this.env, conv.pointer, "reflect");
      return name && HEADERS.has(name) ? name : null;
    }
    if (n.type === "composite_literal" || (n.type === "unary_expression" && n.field("operator")?.text === "&")) {
      const lit = n.type === "composite_literal" ? n : unparen(n.field("operand"));
      const name = lit?.type === "composite_literal" ? importedName(this.env, lit.field("type"), "reflect") : null;
      return name && HEADERS.has(name) ? name : null;
    }
    // *(*reflect.SliceHeader)(unsafe.Pointer(&b)): a copy of the header, usually converted back afterwards.
    if (n.type === "unary_expression" && n.field("operator")?.text === "*") return this.headerType(n.field("operand"), depth + 1);
    const t = this.env.scopes.typeOf(n);
    const base = t.k === "ptr" ? t.elem : t;
    if (base.k === "named" && base.pkg === "reflect" && HEADERS.has(base.name)) return base.name;
    if (n.type === "identifier") {
      const v = this.env.scopes.resolve(n);
      const init = v ? initializerOf(v) : null;
      if (init) return this.headerType(init, depth + 1);
    }
    return null;
  }

  write(stmt: GoNode): void {
    const left = stmt.type === "assignment_statement" ? stmt.field("left")?.children ?? [] : [stmt.children[0]!];
    for (const l0 of left) {
      const l = unparen(l0);
      if (!l) continue;
      if (l.type === "selector_expression" && HEADER_FIELDS.has(l.field("field")?.text ?? "")) this.headerWrite(stmt, l);
      this.arithWrite(stmt, l);
    }
  }

  private headerWrite(stmt: GoNode, lhs: GoNode): void {
    const operand = unparen(lhs.field("operand"));
    const type = this.headerType(operand);
    if (!type || !operand) return;
    const slice = type === "SliceHeader";
    const data = (header: string, fields: string[]) => ({
      type,
      header,
      fields: fields.join(", "),
      plural: fields.length > 1 ? "s" : "",
      what: slice ? "slice" : "string",
      fix: slice ? "unsafe.Slice(ptr, n)" : "unsafe.String(ptr, n)",
    });
    const v = operand.type === "identifier" ? this.env.scopes.resolve(operand) : undefined;
    if (!v) {
      this.context.report({ node: lhs, messageId: "fieldWrite", data: data(shortText(operand), [lhs.field("field")!.text]) });
      return;
    }
    // One finding per header variable: at its first field write, with the others as related locations.
    if (this.reportedHeaders.has(v)) return;
    this.reportedHeaders.add(v);
    const fn = enclosingFunc(v.decl) ?? v.func;
    const writes: GoNode[] = [];
    for (const s of collect(fn, new Set(["assignment_statement", "inc_statement", "dec_statement"]))) {
      const ls = s.type === "assignment_statement" ? s.field("left")?.children ?? [] : [s.children[0]!];
      for (const x0 of ls) {
        const x = unparen(x0);
        if (x?.type !== "selector_expression" || !HEADER_FIELDS.has(x.field("field")?.text ?? "")) continue;
        const op = unparen(x.field("operand"));
        if (op?.type === "identifier" && this.env.scopes.resolve(op) === v) writes.push(x);
      }
    }
    const fields = [...new Set(writes.map((w) => w.field("field")!.text))];
    const first = writes[0] ?? lhs;
    const init = initializerOf(v);
    const related = [
      ...writes.slice(1).map((w) => ({ ...spanOf(w, this.env.file), message: `${shortText(w)} is written here too` })),
      ...(init ? [{ ...spanOf(init, this.env.file), message: `${v.name} is ${shortText(init)}` }] : []),
    ];
    reportWithEvidence(this.context, { node: first, messageId: "fieldWrite", data: data(v.name, fields.length ? fields : [lhs.field("field")!.text]) }, { related, object: v.name, fingerprintParts: [v.name, fields.join(",")] });
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
    const ptr = this.arithPointer(target);
    if (!ptr) return;
    const related = ptr.range[0] >= lhs.range[0] && ptr.range[1] <= lhs.range[1] ? [] : [{ ...spanOf(ptr, this.env.file), message: `the pointer is computed here: ${shortText(ptr)}` }];
    reportWithEvidence(
      this.context,
      { node: lhs, messageId: "arithWrite", data: { target: shortText(stmt, 80), expr: shortText(ptr, 80) } },
      { related, fingerprintParts: [shortText(lhs)] },
    );
  }

  // ---- unsafe.Slice / unsafe.String / unsafe.Add --------------------------------------

  call(node: GoNode): void {
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

  private sliceCall(node: GoNode, name: string): void {
    const [p, nArg] = args(node);
    const bp = this.basePointer(p);
    if (!bp || !nArg || bp.base.type !== "identifier") return;
    const extent = this.extentOf(bp.base);
    const baseName = bp.base.text;
    const avail = extent ? extent.cap - bp.start : null;
    const report = (n: string, availText: string) =>
      this.context.report({ node, messageId: "sliceOverflow", data: { call: shortText(node), base: baseName, n, start: bp.start, avail: availText, fix: fixFor(name, baseName) } });
    const n = constInt(this.env, nArg);
    if (n !== null) {
      if (extent && avail !== null && n > avail) report(String(n), bp.start ? `${avail} from there (${extent.how})` : `${extent.cap} (${extent.how})`);
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
    if (of?.type !== "identifier" || this.env.scopes.resolve(of) !== this.env.scopes.resolve(bp.base) || of.text !== baseName) return;
    if (isLen && extent && extent.len !== null) {
      // Numbers known: past the length is fine while it stays within the capacity.
      const total = extent.len + k;
      if (avail !== null && total > avail) report(`${shortText(nArg)} = ${total}`, bp.start ? `${avail} from there (${extent.cap}: ${extent.how})` : `${extent.cap} (${extent.how})`);
      return;
    }
    if (isLen && extent) return; // capacity known, length not: can't tell
    if (k + bp.start <= 0) return;
    const fn = isCap ? "cap" : "len";
    report(shortText(nArg), `${fn}(${baseName})${bp.start ? ` - ${bp.start} from there` : ""}`);
  }

  private addCall(node: GoNode): void {
    const [p, offArg] = args(node);
    const off = constInt(this.env, offArg);
    if (off === null || off < 0) return;
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
    if (size === null || off < size) return;
    this.context.report({ node, messageId: "addOverflow", data: { call: shortText(node), off, base: base.text, size } });
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
    if (v && t.k !== "array") {
      const fn = enclosingFunc(v.decl);
      const writes = fn ? identWrites(fn).filter((w) => w.ident !== v.decl && this.env.scopes.resolve(w.ident) === v) : [];
      if (writes.length) return null;
    }
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

function fixFor(name: string, base: string): string {
  return name === "Slice" ? `unsafe.Slice(&${base}[0], len(${base})), or simply ${base}[:n] with n <= cap(${base})` : `unsafe.String(&${base}[0], len(${base}))`;
}

function sizeOf(t: GoType): number | null {
  if (t.k === "basic") return BASIC_SIZE[t.name] ?? null;
  return null;
}

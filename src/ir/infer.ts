/**
 * Light type inference for expressions: enough to know "this is a map", "a
 * slice", "a *[]byte", "field items of *Cache". Local variables are resolved by
 * the caller (the analysis keeps scopes); package-level names, fields, methods,
 * calls with declared results, make/new/composite literals and conversions are
 * resolved here. Whatever can't be known is `unknown`.
 */
import type { GoNode } from "../parse/node.js";
import { underlying } from "./index.js";
import { lookupField, lookupMethod } from "./lookup.js";
import { derefType, funcType, typeFromNode, UNKNOWN } from "./type-expr.js";
import type { FileIR, GoType, PackageIR } from "./types.js";

/** Resolves a local name to its type; undefined when the name is not a local. */
export type LocalTypes = (name: string) => GoType | undefined;

const INT: GoType = { k: "basic", name: "int" };
const BOOL: GoType = { k: "basic", name: "bool" };
const STRING: GoType = { k: "basic", name: "string" };

const BUILTIN_FUNCS = new Set(["make", "new", "append", "len", "cap", "copy", "delete", "clear", "panic", "print", "println", "recover", "close", "min", "max", "complex", "real", "imag"]);

export class TypeInference {
  private globalTypes = new Map<string, GoType>();
  private inProgress = new Set<string>();

  constructor(readonly ir: PackageIR) {}

  /** Is `name` (not shadowed by a local) an import of `file`? */
  importPath(file: FileIR, name: string, locals: LocalTypes): string | undefined {
    if (locals(name) !== undefined) return undefined;
    if (this.ir.vars.has(name) || this.ir.funcs.has(name) || this.ir.types.has(name)) return undefined;
    return file.imports.get(name);
  }

  /** Type of a package-level variable, inferred from its initializer when not declared. */
  globalType(name: string): GoType | undefined {
    const v = this.ir.vars.get(name);
    if (!v) return undefined;
    if (v.type.k !== "unknown") return v.type;
    const cached = this.globalTypes.get(name);
    if (cached) return cached;
    if (!v.value || this.inProgress.has(name)) return UNKNOWN;
    this.inProgress.add(name);
    const t = this.typeOf(v.value, v.file, () => undefined);
    this.inProgress.delete(name);
    this.globalTypes.set(name, t);
    return t;
  }

  /** Is this node a type expression (or an identifier naming a type) rather than a value? */
  asType(node: GoNode, file: FileIR, locals: LocalTypes): GoType | null {
    switch (node.type) {
      case "map_type":
      case "slice_type":
      case "array_type":
      case "pointer_type":
      case "channel_type":
      case "function_type":
      case "struct_type":
      case "interface_type":
      case "qualified_type":
      case "generic_type":
      case "type_identifier":
        return typeFromNode(node, file.imports);
      case "parenthesized_type":
        return typeFromNode(node, file.imports);
      case "identifier":
        if (locals(node.text) !== undefined) return null;
        if (this.ir.types.has(node.text)) return { k: "named", name: node.text, pkg: null };
        if (["int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "byte", "rune", "float32", "float64", "string", "bool"].includes(node.text)) {
          return typeFromNode({ type: "type_identifier", text: node.text } as GoNode, file.imports);
        }
        return null;
      case "selector_expression": {
        const op = node.field("operand");
        if (op?.type === "identifier" && this.importPath(file, op.text, locals) !== undefined) {
          // pkg.Name used as a conversion: only known for types we recognise by convention (capitalised types in known packages are rare as calls).
          return null;
        }
        return null;
      }
      case "parenthesized_expression":
        return node.children[0] ? this.asType(node.children[0], file, locals) : null;
      case "unary_expression":
        return null;
      default:
        return null;
    }
  }

  typeOf(expr: GoNode | undefined, file: FileIR, locals: LocalTypes): GoType {
    if (!expr) return UNKNOWN;
    switch (expr.type) {
      case "identifier": {
        const local = locals(expr.text);
        if (local !== undefined) return local;
        const g = this.globalType(expr.text);
        if (g) return g;
        const f = this.ir.funcs.get(expr.text);
        if (f) return funcType(f.node, f.file.imports);
        if (expr.text === "nil") return UNKNOWN;
        return UNKNOWN;
      }
      case "parenthesized_expression":
        return this.typeOf(expr.children[0], file, locals);
      case "selector_expression": {
        const op = expr.field("operand");
        const name = expr.field("field")?.text ?? "";
        if (!op) return UNKNOWN;
        if (op.type === "identifier" && this.importPath(file, op.text, locals) !== undefined) return UNKNOWN;
        const t = this.typeOf(op, file, locals);
        const fieldHit = lookupField(this.ir, t, name);
        if (fieldHit) return fieldHit.field.type;
        const m = lookupMethod(this.ir, t, name);
        if (m) return funcType(m.method.node, m.method.file.imports);
        return UNKNOWN;
      }
      case "index_expression": {
        const t = this.under(derefType(this.under(this.typeOf(expr.field("operand"), file, locals))));
        if (t.k === "map") return t.val;
        if (t.k === "slice" || t.k === "array") return t.elem;
        if (t.k === "basic" && t.name === "string") return { k: "basic", name: "uint8" };
        return UNKNOWN;
      }
      case "slice_expression": {
        const t = this.typeOf(expr.field("operand"), file, locals);
        const u = this.under(derefType(this.under(t)));
        if (u.k === "array") return { k: "slice", elem: u.elem };
        return u.k === "slice" ? t : u.k === "basic" ? u : UNKNOWN;
      }
      case "unary_expression": {
        const op = expr.field("operator")?.text;
        const t = this.typeOf(expr.field("operand"), file, locals);
        if (op === "*") {
          const u = this.under(t);
          return u.k === "ptr" ? u.elem : UNKNOWN;
        }
        if (op === "&") return t.k === "unknown" ? UNKNOWN : { k: "ptr", elem: t };
        if (op === "<-") {
          const u = this.under(t);
          return u.k === "chan" ? u.elem : UNKNOWN;
        }
        if (op === "!") return BOOL;
        return t;
      }
      case "composite_literal":
        return typeFromNode(expr.field("type"), file.imports);
      case "func_literal":
        return funcType(expr, file.imports);
      case "type_assertion_expression":
      case "type_conversion_expression":
        return typeFromNode(expr.field("type"), file.imports);
      case "call_expression":
        return this.callType(expr, file, locals);
      case "interpreted_string_literal":
      case "raw_string_literal":
        return STRING;
      case "int_literal":
        return INT;
      case "true":
      case "false":
        return BOOL;
      case "binary_expression": {
        const op = expr.field("operator")?.text ?? "";
        if (["==", "!=", "<", "<=", ">", ">=", "&&", "||"].includes(op)) return BOOL;
        return this.typeOf(expr.field("left"), file, locals);
      }
      default:
        return UNKNOWN;
    }
  }

  /** Types of all results of a call (a tuple for multi-value calls). */
  callResults(call: GoNode, file: FileIR, locals: LocalTypes): GoType[] {
    const fn = call.field("function");
    if (!fn) return [];
    const args = call.field("arguments")?.children ?? [];
    if (fn.type === "identifier" && locals(fn.text) === undefined && !this.ir.funcs.has(fn.text) && BUILTIN_FUNCS.has(fn.text)) {
      switch (fn.text) {
        case "make":
          return [args[0] ? typeFromNode(args[0], file.imports) : UNKNOWN];
        case "new":
          return [args[0] ? { k: "ptr", elem: typeFromNode(args[0], file.imports) } : UNKNOWN];
        case "append":
          return [this.typeOf(args[0], file, locals)];
        case "len":
        case "cap":
        case "copy":
          return [INT];
        case "min":
        case "max":
          return [this.typeOf(args[0], file, locals)];
        default:
          return [];
      }
    }
    const conv = this.asType(fn, file, locals);
    if (conv) return [conv];
    const ft = this.under(this.typeOf(fn, file, locals));
    if (ft.k === "func") return ft.results;
    return [];
  }

  private callType(call: GoNode, file: FileIR, locals: LocalTypes): GoType {
    const results = this.callResults(call, file, locals);
    if (results.length === 1) return results[0]!;
    if (results.length > 1) return { k: "tuple", items: results };
    return UNKNOWN;
  }

  under(t: GoType): GoType {
    return underlying(this.ir, t);
  }

  /** Element types produced by `for k, v := range x`. */
  rangeTypes(t: GoType): [GoType, GoType] {
    const u = this.under(derefType(this.under(t)));
    switch (u.k) {
      case "map":
        return [u.key, u.val];
      case "slice":
      case "array":
        return [INT, u.elem];
      case "chan":
        return [u.elem, UNKNOWN];
      case "basic":
        return u.name === "string" ? [INT, { k: "basic", name: "int32" }] : [u, UNKNOWN];
      default:
        return [UNKNOWN, UNKNOWN];
    }
  }
}

export function isMapType(ir: PackageIR, t: GoType): boolean {
  return underlying(ir, t).k === "map";
}

export function isSliceType(ir: PackageIR, t: GoType): boolean {
  return underlying(ir, t).k === "slice";
}

/**
 * Constant evaluation without a type checker: is an expression a constant
 * (literals, declared constants, iota, conversions and operators over them),
 * and the value of small integer and boolean constants. Unknown is not
 * constant (null), except where a caller says otherwise.
 */
import type { GoNode } from "../parse/node.js";
import type { FileScopes, LocalVar } from "./scopes.js";
import { opOf, stripParens, unparen } from "./syntax.js";
import type { PackageIR } from "./types.js";

/** What constant evaluation needs: the package (for package-level constants) and the file's scopes. */
export interface ConstEnv {
  ir: PackageIR;
  scopes: FileScopes;
}

/** The initializer of a local declared by `v := x` or `var v = x` (matched by position), if any. */
export function initializerOf(v: LocalVar): GoNode | null {
  const list = v.decl.parent;
  const decl = list?.parent;
  if (!list || !decl) return null;
  if (decl.type === "short_var_declaration" && list === decl.field("left")) {
    const i = list.children.indexOf(v.decl);
    const right = decl.field("right")?.children ?? [];
    return right.length === list.children.length ? right[i] ?? null : null;
  }
  if (list.type === "var_spec") {
    const names = list.fieldAll("name");
    const values = list.field("value")?.children ?? [];
    const i = names.indexOf(v.decl);
    return values.length === names.length && i >= 0 ? values[i] ?? null : null;
  }
  return null;
}

/** Evaluates a small integer constant expression: literals, constants, + - * / << and parentheses. */
export function constInt(env: ConstEnv, node: GoNode | undefined, depth = 0): number | null {
  node = unparen(node);
  if (!node || depth > 8) return null;
  switch (node.type) {
    case "int_literal": {
      const t = node.text.replace(/_/g, "");
      const v = /^0[0-7]+$/.test(t) ? parseInt(t.slice(1), 8) : Number(t.replace(/^0o/i, "0o"));
      return Number.isSafeInteger(v) ? v : null;
    }
    case "identifier": {
      const local = env.scopes.resolve(node);
      if (local) {
        if (local.kind !== "const") return null;
        return constInt(env, initializerOf(local) ?? undefined, depth + 1);
      }
      const g = env.ir.vars.get(node.text);
      if (g && g.isConst && g.value) return constInt(env, g.value, depth + 1);
      return null;
    }
    case "binary_expression": {
      const l = constInt(env, node.field("left"), depth + 1);
      const r = constInt(env, node.field("right"), depth + 1);
      if (l === null || r === null) return null;
      switch (node.field("operator")?.text) {
        case "+":
          return l + r;
        case "-":
          return l - r;
        case "*":
          return l * r;
        case "/":
          return r === 0 ? null : Math.trunc(l / r);
        case "<<":
          return r < 31 ? l * 2 ** r : null;
        default:
          return null;
      }
    }
    case "unary_expression": {
      const v = constInt(env, node.field("operand"), depth + 1);
      if (v === null) return null;
      const op = node.field("operator")?.text;
      return op === "-" ? -v : op === "+" ? v : null;
    }
    default:
      return null;
  }
}

/** Package-level constant named by an expression (literal, declared const, iota, or a constant expression of those). */
export function isConstantExpr(ir: PackageIR, n: GoNode, scopes: FileScopes): boolean {
  const x = stripParens(n);
  switch (x.type) {
    case "int_literal":
    case "float_literal":
    case "imaginary_literal":
    case "rune_literal":
    case "interpreted_string_literal":
    case "raw_string_literal":
    case "true":
    case "false":
    case "iota":
      return true;
    case "identifier": {
      const local = scopes.resolve(x);
      if (local) return local.kind === "const";
      return ir.vars.get(x.text)?.isConst === true || x.text === "true" || x.text === "false";
    }
    case "selector_expression": {
      // pkg.Name: another package's name; constants are the common case (http.MethodGet). Unknown → treated as constant (quiet).
      const op = x.field("operand");
      return op?.type === "identifier" && !scopes.resolve(op) && !ir.vars.has(op.text) && scopes.file.imports.has(op.text);
    }
    case "binary_expression": {
      const l = x.field("left");
      const r = x.field("right");
      return !!l && !!r && isConstantExpr(ir, l, scopes) && isConstantExpr(ir, r, scopes);
    }
    case "unary_expression": {
      const o = x.field("operand");
      return opOf(x) !== "&" && opOf(x) !== "*" && opOf(x) !== "<-" && !!o && isConstantExpr(ir, o, scopes);
    }
    case "call_expression": {
      // Conversions of constants: State(1), string(KindA).
      const f = x.field("function");
      const args = x.field("arguments")?.children ?? [];
      if (!f || args.length !== 1) return false;
      const isType = (f.type === "identifier" && (ir.types.has(f.text) || /^(u?int(8|16|32|64)?|string|byte|rune|float(32|64)|bool)$/.test(f.text))) || f.type === "parenthesized_type";
      return isType && isConstantExpr(ir, args[0]!, scopes);
    }
    default:
      return false;
  }
}

/**
 * Is the condition the constant false (`false`, or a package constant declared
 * `= false`)? `isLocal` says whether a name is shadowed by a local there.
 */
export function isFalseConstant(ir: PackageIR, cond: GoNode, isLocal: (name: string) => boolean): boolean {
  const c = stripParens(cond);
  if (c.type === "false") return true;
  if (c.type !== "identifier" || isLocal(c.text)) return false;
  const v = ir.vars.get(c.text);
  return !!v && v.isConst && v.value?.type === "false";
}

/**
 * Is a size bounded before a point: an upper-bound comparison that returns,
 * errors, continues or clamps on every path, an enclosing branch taken only
 * when the bound holds, or a validation call (`if err := check(n); err !=
 * nil { return err }`). `min`, `%`, `&` and narrow conversions are bounds of
 * the expression itself (taint.ts).
 */
import { constInt } from "../../ir/consts.js";
import type { LocalVar } from "../../ir/scopes.js";
import { args, exprKey, FUNC_NODE_TYPES, unparen, walk, within } from "../../ir/syntax.js";
import type { GoNode } from "../../parse/node.js";
import type { NoReturn } from "../base/noreturn.js";
import type { SourceEnv } from "../base/outside-input.js";
import type { Origins } from "./origins.js";

/** What is bounded: a local, or a path (`hdr.Len`, `r.ContentLength`) with the local at its root. */
export type Subject = { kind: "var"; v: LocalVar } | { kind: "key"; key: string; root: LocalVar | null };

/** Calls that are not validators of their arguments: builtins and conversions. */
const NON_VALIDATORS: ReadonlySet<string> = new Set(["len", "cap", "make", "new", "append", "copy", "min", "max", "int", "int64", "int32", "uint", "uint64", "uint32", "uintptr", "string", "panic", "print", "println"]);
const LEAVING_STATEMENTS: ReadonlySet<string> = new Set(["return_statement", "continue_statement", "break_statement", "goto_statement"]);

export class Bounds {
  constructor(
    private readonly env: SourceEnv,
    private readonly origins: Origins,
    private readonly noReturn: NoReturn,
  ) {}

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
      if (a.type === "if_statement" && (a.field("condition")?.start ?? -1) > after) {
        const b = this.bound(a.field("condition"), subject);
        const cons = a.field("consequence");
        const alt = a.field("alternative");
        if (cons && within(alloc, cons) && (b.whenTrue || this.validates(a, subject))) return true;
        if (alt && within(alloc, alt) && (b.whenFalse || (this.validates(a, subject) && !!cons && this.terminates(cons)))) return true;
      }
      if ((a.type === "expression_case" || a.type === "default_case") && a.parent?.type === "expression_switch_statement" && !a.parent.field("value") && a.parent.start > after) {
        if (a.type === "expression_case" && this.bound(a.field("value"), subject).whenTrue) return true;
        if (this.switchGuard(a.parent, subject, a)) return true;
      }
      if (a.type === "statement_list") {
        for (const s of a.children) {
          if (s === child) break;
          if (s.start <= after) continue;
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
      if (b.whenFalse && cons && (this.terminates(cons) || this.assigns(cons, subject))) return true;
      if (b.whenTrue && alt && (this.terminates(alt) || this.assigns(alt, subject))) return true;
      if (this.validates(s, subject) && cons && this.terminates(cons)) return true;
      // else-if chains: `if x { ... } else if n > max { return }`
      return false;
    }
    if (s.type === "expression_switch_statement" && !s.field("value")) return this.switchGuard(s, subject, null);
    return false;
  }

  private switchGuard(sw: GoNode, subject: Subject, current: GoNode | null): boolean {
    for (const c of sw.children) {
      if (c === current || c.type !== "expression_case") continue;
      if (this.bound(c.field("value"), subject).whenFalse && (this.terminates(c) || this.assigns(c, subject))) return true;
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
      if (this.origins.lengthPrefix(call)) return false;
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
      } else if ((x.type === "selector_expression" || x.type === "index_expression" || x.type === "call_expression" || x.type === "unary_expression") && exprKey(x) === subject.key) {
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

  /** Does the block leave on some path: return, continue, break, goto, or a call that never returns (panic, log.Fatal, os.Exit)? */
  private terminates(block: GoNode): boolean {
    let hit = false;
    walk(block, (n) => {
      if (hit || FUNC_NODE_TYPES.has(n.type)) return n === block && !hit;
      if (LEAVING_STATEMENTS.has(n.type)) hit = true;
      if (n.type === "call_expression" && this.noReturn.isNoReturn(n)) hit = true;
      return !hit;
    });
    return hit;
  }
}

/**
 * The locksets analyzer: the mutexes held at a point of a function, read off
 * the function's own statements (the race walk has a flow-sensitive model of
 * its own, across calls; this one answers syntactic rules).
 *
 * `x.Lock()` / `x.RLock()` statements before the point, in its block and the
 * enclosing blocks of its function, not undone by an `x.Unlock()` /
 * `x.RUnlock()` in between; an unlock inside an earlier branch counts as
 * released unless that branch leaves (return, break, continue) right after.
 * `defer x.Unlock()` keeps the lock held to the end. Mutexes are named by
 * their text (`c.mu`); what the lock methods do comes from the concurrency
 * API table.
 */
import type { GoNode } from "../../parse/node.js";
import { stripParens, walk, within } from "../../ir/syntax.js";
import { LOCK_METHODS } from "../concurrency-api.js";
import { defineAnalyzer } from "../framework.js";

export type LockMode = "read" | "write";

export interface Locksets {
  /** The mutexes held at `node` by the code of `fn` (a function declaration or literal around it), by text. */
  heldAt(node: GoNode, fn: GoNode): ReadonlyMap<string, LockMode>;
}

export const locksetsAnalyzer = defineAnalyzer<Locksets>({
  name: "locksets",
  doc: `The mutexes a function's own statements hold at a point (Lock/RLock not undone by an Unlock before it).`,
  requires: [],
  run() {
    return { heldAt };
  },
});

/** A lock method called as a statement (`x.Lock()`): the mutex's text and what the call does. */
export function lockStatement(stmt: GoNode): { mutex: string; effect: "acquire" | "release"; mode: LockMode } | null {
  const call = stmt.type === "expression_statement" && stmt.children[0] ? stripParens(stmt.children[0]) : undefined;
  if (call?.type !== "call_expression" || (call.field("arguments")?.children.length ?? 0) !== 0) return null;
  const fn = call.field("function") ? stripParens(call.field("function")!) : undefined;
  if (fn?.type !== "selector_expression") return null;
  const method = fn.field("field")?.text ?? "";
  const operand = fn.field("operand");
  const op = Object.hasOwn(LOCK_METHODS, method) ? LOCK_METHODS[method]! : undefined;
  if (!op || op.effect === "try" || !operand) return null;
  return { mutex: operand.text.replace(/\s+/g, ""), effect: op.effect, mode: op.mode };
}

function heldAt(node: GoNode, fn: GoNode): Map<string, LockMode> {
  const held = new Map<string, LockMode>();
  const chain: GoNode[] = [];
  for (let n: GoNode | null = node; n && n !== fn; n = n.parent) chain.push(n);
  // Outermost block first, so inner locks and unlocks come after outer ones.
  for (const n of chain.reverse()) {
    const list = n.parent;
    if (!list || (list.type !== "statement_list" && list.type !== "block")) continue;
    for (const stmt of list.children) {
      if (stmt === n) break;
      const op = lockStatement(stmt);
      if (op) {
        if (op.effect === "acquire") held.set(op.mutex, op.mode);
        else held.delete(op.mutex);
        continue;
      }
      // An unlock nested in an earlier statement (an if branch) may have run.
      walk(
        stmt,
        (x) => {
          if (x.type === "defer_statement") return false;
          const inner = lockStatement(x);
          if (inner?.effect === "release" && !branchLeaves(x, stmt)) held.delete(inner.mutex);
        },
        { skipFuncLits: true },
      );
    }
  }
  return held;
}

/** Does the block holding `stmt` (inside `outer`) leave right after it (return, continue, break)? */
function branchLeaves(stmt: GoNode, outer: GoNode): boolean {
  const list = stmt.parent;
  if (!list || !within(list, outer)) return false;
  const after = list.children.slice(list.children.indexOf(stmt) + 1);
  return after.some((s) => s.type === "return_statement" || s.type === "continue_statement" || s.type === "break_statement");
}

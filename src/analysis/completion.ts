/**
 * Goroutines whose end the caller can wait for through a channel it is handed:
 *
 *   func (tx *Tx) Check() <-chan error {
 *       ch := make(chan error)
 *       go tx.check(ch) // check sends what it finds and ends with close(ch)
 *       return ch
 *   }
 *
 * The goroutine outlives Check, but Check's callers get the channel and
 * `for err := range tx.Check()` ends only after close(ch), that is after the
 * goroutine's last access. Whether a given caller drains it is not known, so
 * pairs that only exist because such a goroutine "keeps running after its
 * starter returns" are left out (precision first: unknown → silent).
 */
import type { Thread } from "./facts.js";
import { scopesOf, type LocalVar } from "../ir/scopes.js";
import type { FileIR, PackageIR } from "../ir/types.js";
import type { CallGraph } from "./base/callgraph.js";
import type { GoNode } from "../parse/node.js";
import { stripParens, walk } from "../ir/syntax.js";
import { fileOfNode } from "../ir/node-index.js";

/** Does the goroutine started by this thread hand its completion to its starter's callers? */
export function signalsCompletion(ir: PackageIR, calls: CallGraph, thread: Thread): boolean {
  if (thread.kind !== "go" || !thread.site) return false;
  const stmt = thread.site.node;
  const file = fileOfNode(ir, stmt);
  return file !== null && stmt.type === "go_statement" && closesReturnedChannel(ir, calls, file, stmt);
}

function closesReturnedChannel(ir: PackageIR, calls: CallGraph, file: FileIR, stmt: GoNode): boolean {
  // The starter: a declared function or method returning a channel.
  let decl: GoNode | null = stmt.parent;
  while (decl && decl.type !== "function_declaration" && decl.type !== "method_declaration" && decl.type !== "func_literal") decl = decl.parent;
  if (!decl || decl.type === "func_literal") return false;
  const starter = [...ir.funcs.values()].find((f) => f.node === decl);
  if (!starter?.body) return false;
  const chanIndex = starter.results.findIndex((r) => r.type.k === "chan");
  if (chanIndex < 0) return false;
  const scopes = scopesOf(ir, file);

  // Every return hands out the same local channel variable.
  let returned = undefined as LocalVar | undefined;
  let allSame = true;
  let returns = 0;
  walk(starter.body, (n) => {
    if (n.type === "func_literal") return false;
    if (n.type !== "return_statement") return;
    returns++;
    const list = n.children[0]?.type === "expression_list" ? n.children[0].children : n.children;
    const x = list.length === starter.results.length ? list[chanIndex] : undefined;
    const v = x && stripParens(x).type === "identifier" ? scopes.resolve(stripParens(x)) : undefined;
    if (!v || (returned && v !== returned)) allSame = false;
    else returned = v;
  });
  const ch = returned as LocalVar | undefined;
  if (!returns || !allSame || !ch || ch.kind === "param") return false;

  // The goroutine: `go func() { ...; close(ch) }()` or `go f(..., ch, ...)` / `go x.m(..., ch, ...)` whose body ends by closing that parameter.
  const call = stmt.children[0] ? stripParens(stmt.children[0]) : null;
  if (call?.type !== "call_expression") return false;
  const callee = call.field("function") ? stripParens(call.field("function")!) : null;
  if (!callee) return false;
  if (callee.type === "func_literal") {
    const body = callee.field("body");
    return !!body && endsByClosing(body, (id) => scopes.resolve(id) === ch);
  }
  const argIndex = (call.field("arguments")?.children ?? []).findIndex((a) => {
    const x = stripParens(a);
    return x.type === "identifier" && scopes.resolve(x) === ch;
  });
  if (argIndex < 0) return false;
  const target = calls.funcNamed(callee);
  const param = target?.params[argIndex];
  const body = target?.node.field("body");
  if (!target || !param?.name || param.variadic || !body) return false;
  const targetScopes = scopesOf(ir, target.file);
  return endsByClosing(body, (id) => targetScopes.resolve(id)?.decl === param.node);
}


/** The body's top level has `defer close(ch)`, or its last statement is `close(ch)`. */
function endsByClosing(body: GoNode, isChan: (id: GoNode) => boolean): boolean {
  const stmts = body.children[0]?.type === "statement_list" ? body.children[0].children : body.children;
  const closes = (call: GoNode | undefined): boolean => {
    if (!call || call.type !== "call_expression" || call.field("function")?.text !== "close") return false;
    const a = call.field("arguments")?.children ?? [];
    return a.length === 1 && stripParens(a[0]!).type === "identifier" && isChan(stripParens(a[0]!));
  };
  for (const s of stmts) {
    if (s.type === "defer_statement" && closes(s.children[0])) return true;
  }
  const last = stmts[stmts.length - 1];
  return last?.type === "expression_statement" && closes(last.children[0]);
}

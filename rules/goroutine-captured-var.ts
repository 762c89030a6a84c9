/**
 * goroutine-captured-var: a closure run on another goroutine (`go func(){...}()`,
 * `g.Go(func() error {...})`, `time.AfterFunc(d, func(){...})`, a subtest
 * that calls `t.Parallel()`) uses a variable its starter keeps changing:
 *
 *   - a loop variable of an enclosing `for` (range key/value, or the variable
 *     of a three-clause loop) when the file's Go version is below 1.22: the
 *     loop has one variable for all iterations, so the goroutine sees whatever
 *     value it holds when it runs, and reading it races with the loop's update.
 *     The version is the file's `//go:build go1.N` or else go.mod's `go` line;
 *     unknown → treated as 1.22+ (silent). A loop that waits (`wg.Wait()`,
 *     `<-done`, `select`) after starting the goroutine, within the iteration,
 *     is silent; so are values passed as arguments and `v := v` copies.
 *   - at any version, `err` or a named result of the starting function that the
 *     starter assigns again after the spawn, textually, in the same function,
 *     with no wait (`Wait()`, a receive, a `select`) in between, unless one
 *     mutex is held around every use in the closure and every such assignment.
 */
import type { GoNode } from "../src/parse/node.js";
import type { GoRule, GoRuleContext, GoRuleVisitor } from "../src/eslint/rule.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import type { LocalVar } from "../src/ir/scopes.js";
import {
  args,
  enclosingFunc,
  envOf,
  goMinor,
  identWrites,
  importedCall,
  importedName,
  spanOf,
  statementOf,
  terminatesAfter,
  unparen,
  walk,
  within,
  type SyntaxEnv,
} from "./util/hazard-syntax.js";
import { isStoreTarget } from "./util/map-syntax.js";

interface Spawn {
  /** The closure that runs on the other goroutine. */
  fn: GoNode;
  /** The statement or call that starts it. */
  site: GoNode;
  /** `goroutine`, `errgroup callback`, `parallel subtest`, `time.AfterFunc callback`. */
  what: string;
  /** Only uses after this offset run concurrently (a subtest's code after `t.Parallel()`). */
  concurrentFrom: number;
  /** Starter waits are irrelevant (parallel subtests run after the parent's body). */
  afterParent: boolean;
}

export const goroutineCapturedVar: GoRule = {
  meta: {
    type: "problem",
    docs: {
      description: "A goroutine closure uses a variable its starter keeps changing: a loop variable before Go 1.22, or err / a named result assigned again after the go statement.",
      checklist: ["DP-11"],
      cwe: [362],
      category: "concurrency",
      defaultSeverity: "warning",
      precision: "high",
      recommended: true,
    },
    messages: {
      loopVar:
        "The {{what}} started at line {{line}} uses loop variable {{name}}, which all iterations share under Go {{version}} ({{source}}). Before Go 1.22 the loop declares {{name}} once and updates it in place, so the {{what}} sees whichever value {{name}} holds when it runs — usually the last one — and its read races with the loop's write. Pass it as an argument ({{fix}}), copy it in the loop body ({{name}} := {{name}}), or move the module to go 1.22 or later.",
      reassigned:
        "The {{what}} started at line {{line}} uses {{kind}} {{name}}, which {{func}} assigns again at line {{writeLine}} after starting it. Nothing orders the two: the {{what}} and {{func}} read and write the same variable concurrently (a data race), and {{name}} ends up holding whichever write came last. Give the {{what}} its own variable and hand the result back over a channel, or wait for it before assigning {{name}} again.",
    },
    schema: [],
    languages: ["go-hazard/go"],
  },
  create(context) {
    const env = envOf(context);
    if (!env) return {} as GoRuleVisitor;
    const minor = goMinor(env.file.goVersion);
    const oldLoops = minor !== null && minor < 22;
    const check = (spawn: Spawn | null): void => {
      if (!spawn) return;
      if (oldLoops) checkLoopVars(env, context, spawn);
      checkReassigned(env, context, spawn);
    };
    return {
      go_statement(node) {
        const call = unparen(node.children[0]);
        const fn = call?.type === "call_expression" ? unparen(call.field("function")) : undefined;
        if (fn?.type === "func_literal") check({ fn, site: node, what: "goroutine", concurrentFrom: fn.range[0], afterParent: false });
      },
      call_expression(node) {
        check(callbackSpawn(env, node));
      },
    };
  },
};

/** `g.Go(func...)`, `time.AfterFunc(d, func...)`, `t.Run(name, func(t *testing.T) { t.Parallel(); ... })`. */
function callbackSpawn(env: SyntaxEnv, call: GoNode): Spawn | null {
  const fn = unparen(call.field("function"));
  const a = args(call);
  if (importedCall(env, call, "time") === "AfterFunc" && a.length === 2) {
    const lit = unparen(a[1]);
    return lit?.type === "func_literal" ? { fn: lit, site: call, what: "time.AfterFunc callback", concurrentFrom: lit.range[0], afterParent: false } : null;
  }
  if (fn?.type !== "selector_expression") return null;
  const method = fn.field("field")?.text;
  if (method === "Go" && a.length === 1) {
    const lit = unparen(a[0]);
    if (lit?.type !== "func_literal") return null;
    return { fn: lit, site: call, what: `${fn.field("operand")?.text ?? ""}.Go callback`, concurrentFrom: lit.range[0], afterParent: false };
  }
  if (method === "Run" && a.length === 2) {
    const lit = unparen(a[1]);
    if (lit?.type !== "func_literal") return null;
    const param = lit.field("parameters")?.children[0];
    const ptype = param?.field("type");
    const pname = param?.fieldAll("name")[0]?.text;
    if (ptype?.type !== "pointer_type" || !pname) return null;
    const testingType = importedName(env, ptype.children[0], "testing");
    if (testingType !== "T" && testingType !== "B") return null;
    const parallel = parallelCall(lit, pname);
    if (!parallel) return null;
    return { fn: lit, site: call, what: "parallel subtest", concurrentFrom: parallel.range[1], afterParent: true };
  }
  return null;
}

/** The `<t>.Parallel()` call in a subtest's own body (not in nested literals). */
function parallelCall(lit: GoNode, param: string): GoNode | null {
  let found: GoNode | null = null;
  const body = lit.field("body");
  if (!body) return null;
  walk(
    body,
    (n) => {
      if (found) return false;
      if (n.type === "call_expression" && unparen(n.field("function"))?.text === `${param}.Parallel` && args(n).length === 0) found = n;
    },
    { skipFuncLits: true },
  );
  return found;
}

/** The identifiers of a closure body referring to variables declared outside it, first use per variable. */
function capturedUses(env: SyntaxEnv, spawn: Spawn): Map<LocalVar, GoNode> {
  const uses = new Map<LocalVar, GoNode>();
  const body = spawn.fn.field("body");
  if (!body) return uses;
  walk(body, (n) => {
    if (n.type !== "identifier" || n.range[0] < spawn.concurrentFrom) return;
    const v = env.scopes.resolve(n);
    if (!v || within(v.decl, spawn.fn) || uses.has(v)) return;
    uses.set(v, n);
  });
  return uses;
}

/** The for statement whose header declares `v` (range key/value or three-clause variable). */
function declaringLoop(v: LocalVar): GoNode | null {
  const list = v.decl.parent;
  if (list?.type !== "expression_list") return null;
  const holder = list.parent;
  if (holder?.type === "range_clause" && v.kind === "range") return holder.parent?.type === "for_statement" ? holder.parent : null;
  if (holder?.type === "short_var_declaration" && holder.parent?.type === "for_clause") {
    const loop = holder.parent.parent;
    return loop?.type === "for_statement" ? loop : null;
  }
  return null;
}

/** A node that blocks until another goroutine acts: `x.Wait()`, a receive, a select. */
function isWait(n: GoNode): boolean {
  if (n.type === "select_statement") return true;
  if (n.type === "unary_expression" && n.field("operator")?.text === "<-") return true;
  if (n.type === "receive_statement") return true;
  if (n.type === "call_expression") {
    const fn = unparen(n.field("function"));
    return fn?.type === "selector_expression" && fn.field("field")?.text === "Wait" && args(n).length === 0;
  }
  return false;
}

/** Is there a wait in `scope` (function literals excluded) starting in [from, to)? */
function waitBetween(scope: GoNode, from: number, to: number): GoNode | null {
  let found: GoNode | null = null;
  walk(
    scope,
    (n) => {
      if (found) return false;
      if (n.range[1] <= from || n.range[0] >= to) return false;
      if (n.range[0] >= from && isWait(n)) found = n;
    },
    { skipFuncLits: true },
  );
  return found;
}

const NON_BLOCKING_BUILTINS = new Set([
  "append", "len", "cap", "make", "new", "copy", "delete", "clear", "min", "max", "complex", "real", "imag",
  "string", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
  "byte", "rune", "float32", "float64", "bool",
]);

/**
 * Does the iteration go on to something that may wait for the goroutine
 * (`wg.Wait()`, `<-done`, `select`, or any call: `io.ReadAll(pipe)` blocks
 * until the goroutine closes the pipe) after the spawn? Statements that
 * start other goroutines don't count; closures that contain the spawn (a
 * `t.Run` body) are searched too.
 */
function blockingAfter(env: SyntaxEnv, scope: GoNode, site: GoNode): GoNode | null {
  const from = site.range[1];
  let found: GoNode | null = null;
  walk(scope, (n) => {
    if (found || n.range[1] <= from) return false;
    const containsSite = n.range[0] <= site.range[0] && n.range[1] >= site.range[1];
    if (!containsSite && (n.type === "go_statement" || n.type === "func_literal")) return false;
    if (n.range[0] < from) return;
    if (isWait(n)) found = n;
    else if (n.type === "call_expression") {
      const fn = unparen(n.field("function"));
      const builtin = fn?.type === "identifier" && NON_BLOCKING_BUILTINS.has(fn.text) && !env.scopes.resolve(fn) && !env.ir.funcs.has(fn.text);
      if (!builtin) found = n;
    }
  });
  return found;
}

function versionSource(env: SyntaxEnv): string {
  return env.file.file.buildGoVersion ? `//go:build ${`go${env.file.file.buildGoVersion}`}` : "go.mod";
}

function checkLoopVars(env: SyntaxEnv, context: GoRuleContext, spawn: Spawn): void {
  for (const [v, use] of capturedUses(env, spawn)) {
    const loop = declaringLoop(v);
    const body = loop?.field("body");
    if (!loop || !body || !within(spawn.site, body)) continue;
    // The loop ends right after the spawn (break, return): the variable doesn't change any more.
    if (!spawn.afterParent && terminatesAfter(statementOf(spawn.site), loop)) continue;
    // Waiting for the goroutine within the iteration keeps the loop variable still while it runs;
    // any later call in the iteration might be such a wait, so only spawns that end the iteration are reported.
    if (!spawn.afterParent && blockingAfter(env, body, spawn.site)) continue;
    const typeText = paramType(v);
    reportWithEvidence(
      context,
      {
        node: use,
        messageId: "loopVar",
        data: {
          what: spawn.what,
          line: spawn.site.loc.start.line,
          name: v.name,
          version: env.file.goVersion ?? "?",
          source: versionSource(env),
          fix: spawn.what === "goroutine" ? `go func(${v.name} ${typeText}) { ... }(${v.name})` : `${v.name} := ${v.name} before the call`,
        },
      },
      {
        related: [
          { ...spanOf(v.decl, env.file), message: `${v.name} is declared once for the whole loop here` },
          { ...spanOf(spawn.site, env.file), message: `the ${spawn.what} is started here, on every iteration` },
        ],
        object: v.name,
        fingerprintParts: [v.name, spawn.what, "loop"],
      },
    );
  }
}

function paramType(v: LocalVar): string {
  const t = v.type;
  switch (t.k) {
    case "basic":
      return t.name === "uint8" ? "byte" : t.name === "int32" ? "rune" : t.name;
    case "named":
      return t.pkg ? `${t.pkg.split("/").pop()}.${t.name}` : t.name;
    case "ptr":
      return t.elem.k === "named" ? `*${t.elem.pkg ? `${t.elem.pkg.split("/").pop()}.` : ""}${t.elem.name}` : "T";
    default:
      return "T";
  }
}

function checkReassigned(env: SyntaxEnv, context: GoRuleContext, spawn: Spawn): void {
  const starter = enclosingFunc(spawn.site);
  const starterBody = starter?.field("body");
  if (!starter || !starterBody) return;
  const siteStmt = statementOf(spawn.site);
  for (const [v, use] of capturedUses(env, spawn)) {
    const isErr = v.name === "err" && (v.kind === "var" || v.kind === "result");
    if (!isErr && v.kind !== "result") continue;
    if (v.kind === "result" && v.func !== starter) continue;
    if (!within(v.decl, starter) && v.func !== starter) continue;
    const writes = laterWrites(env, v, starterBody, siteStmt.range[1]);
    const write = writes[0];
    if (!write) continue;
    // Both sides take one mutex around every use: the accesses are ordered by it.
    if (guardedByCommonLock(env, v, spawn, writes)) continue;
    const fname = starter.type === "func_literal" ? "the enclosing function literal" : starter.field("name")?.text ?? "the starter";
    reportWithEvidence(
      context,
      {
        node: use,
        messageId: "reassigned",
        data: {
          what: spawn.what,
          line: spawn.site.loc.start.line,
          kind: v.kind === "result" ? "named result" : "variable",
          name: v.name,
          func: fname,
          writeLine: write.loc.start.line,
        },
      },
      {
        related: [
          { ...spanOf(write, env.file), message: `${fname} assigns ${v.name} here while the ${spawn.what} may still use it` },
          { ...spanOf(spawn.site, env.file), message: `the ${spawn.what} is started here` },
        ],
        object: v.name,
        fingerprintParts: [v.name, spawn.what, "reassigned"],
      },
    );
  }
}

/** The writes to `v` in the starter after `from`, up to the first wait, in source order; for named results, `return x` counts. */
function laterWrites(env: SyntaxEnv, v: LocalVar, body: GoNode, from: number): GoNode[] {
  const candidates: GoNode[] = [];
  for (const w of identWrites(body, { skipFuncLits: true })) {
    if (w.ident === v.decl || env.scopes.resolve(w.ident) !== v) continue;
    if (w.stmt.range[0] < from) continue;
    candidates.push(w.stmt);
  }
  if (v.kind === "result") {
    // `return x, err` assigns the results, except where it returns the result itself (`return s, nil` for s).
    const results = (v.func.field("result")?.children ?? []).flatMap((d) => d.fieldAll("name"));
    const index = results.indexOf(v.decl);
    walk(
      body,
      (n) => {
        if (n.type !== "return_statement" || n.children.length === 0 || n.range[0] < from) return;
        const values = n.children[0]?.type === "expression_list" ? n.children[0].children : n.children;
        const mine = unparen(values[index]);
        if (values.length === results.length && mine?.type === "identifier" && env.scopes.resolve(mine) === v) return;
        candidates.push(n);
      },
      { skipFuncLits: true },
    );
  }
  candidates.sort((a, b) => a.range[0] - b.range[0]);
  const out: GoNode[] = [];
  for (const c of candidates) {
    // `err = g.Wait()`: the assignment happens after the wait.
    if (waitBetween(body, from, c.range[1])) break;
    out.push(c);
  }
  return out;
}

/**
 * Is there a mutex that the goroutine holds at each of its uses of `v` and
 * the starter holds (as a write lock) at each of its later writes?
 * `mu.Lock(); if err == nil { err = e }; mu.Unlock()` on both sides is not a
 * race, only a choice of which error wins.
 */
function guardedByCommonLock(env: SyntaxEnv, v: LocalVar, spawn: Spawn, writes: GoNode[]): boolean {
  const body = spawn.fn.field("body");
  if (!body) return false;
  let common: Map<string, "read" | "write"> | null = null;
  const meet = (held: Map<string, "read" | "write">, needWrite: boolean): void => {
    const next = new Map<string, "read" | "write">();
    for (const [k, mode] of held) {
      if (needWrite && mode !== "write") continue;
      if (common === null || common.has(k)) next.set(k, mode);
    }
    common = next;
  };
  let uses = 0;
  walk(body, (n) => {
    if (n.type !== "identifier" || n.range[0] < spawn.concurrentFrom || env.scopes.resolve(n) !== v) return;
    uses++;
    // A write under a read lock races with another writer: writes need the write lock.
    meet(locksHeldAt(n, spawn.fn), isStoreTarget(n));
  });
  if (uses === 0) return false;
  const starter = enclosingFunc(spawn.site);
  if (!starter) return false;
  for (const w of writes) meet(locksHeldAt(w, starter), true);
  return (common as Map<string, "read" | "write"> | null)?.size ? true : false;
}

const LOCK_CALL = /^(.+)\.(Lock|RLock|Unlock|RUnlock)$/;

/** `x.Lock()` as a statement: the mutex text and the operation. */
function lockOp(stmt: GoNode): { mutex: string; op: string } | null {
  const call = stmt.type === "expression_statement" ? unparen(stmt.children[0]) : undefined;
  if (call?.type !== "call_expression" || args(call).length !== 0) return null;
  const m = LOCK_CALL.exec(unparen(call.field("function"))?.text.replace(/\s+/g, "") ?? "");
  return m ? { mutex: m[1]!, op: m[2]! } : null;
}

/**
 * The mutexes held at `node`: `x.Lock()` / `x.RLock()` statements before it in
 * its block and the enclosing blocks of `fn`, not undone by a later
 * `x.Unlock()` in between (an unlock inside an earlier branch counts as
 * released unless that branch returns). `defer x.Unlock()` keeps it held.
 */
function locksHeldAt(node: GoNode, fn: GoNode): Map<string, "read" | "write"> {
  const held = new Map<string, "read" | "write">();
  const chain: GoNode[] = [];
  for (let n: GoNode | null = node; n && n !== fn; n = n.parent) chain.push(n);
  // Outermost block first, so inner locks and unlocks come after outer ones.
  for (const n of chain.reverse()) {
    const list = n.parent;
    if (!list || (list.type !== "statement_list" && list.type !== "block")) continue;
    for (const stmt of list.children) {
      if (stmt === n) break;
      const op = lockOp(stmt);
      if (op) {
        if (op.op === "Lock") held.set(op.mutex, "write");
        else if (op.op === "RLock") held.set(op.mutex, "read");
        else held.delete(op.mutex);
        continue;
      }
      // An unlock nested in an earlier statement (an if branch) may have run.
      walk(
        stmt,
        (x) => {
          if (x.type === "defer_statement") return false;
          const inner = lockOp(x);
          if (inner && (inner.op === "Unlock" || inner.op === "RUnlock") && !branchReturns(x, stmt)) held.delete(inner.mutex);
        },
        { skipFuncLits: true },
      );
    }
  }
  return held;
}

/** Does the block holding `stmt` (inside `outer`) end in a return after it? */
function branchReturns(stmt: GoNode, outer: GoNode): boolean {
  const list = stmt.parent;
  if (!list || !within(list, outer)) return false;
  const after = list.children.slice(list.children.indexOf(stmt) + 1);
  return after.some((s) => s.type === "return_statement" || s.type === "continue_statement" || s.type === "break_statement");
}

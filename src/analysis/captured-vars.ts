/**
 * The captured-vars analyzer: closures that run on another goroutine and use
 * a variable their starter keeps changing.
 *
 * Spawns are `go func(){...}()` and the library spawns of the concurrency API
 * table that run a function literal as a callback or a parallel subtest
 * (`g.Go(func...)` on a type of another package or of unknown type,
 * `time.AfterFunc(d, func...)`, `t.Run(name, func(t *testing.T) { t.Parallel(); ... })`);
 * receivers are typed by the file's scopes. A subtest counts only from its
 * `t.Parallel()` on, and runs after the parent's body.
 *
 * Two kinds of captured variables:
 *   - a loop variable of an enclosing `for` (range key/value, or the variable
 *     of a three-clause loop) when the file's Go version is below 1.22, unless
 *     the loop leaves right after the spawn or the iteration goes on to
 *     something that may wait for the goroutine (a wait, or any call);
 *   - at any version, `err` or a named result of the starting function that
 *     the starter assigns again after the spawn, in its own body, before any
 *     wait, unless one mutex (the locksets analyzer's) is held around every
 *     use in the closure and every such assignment.
 */
import type { LocalVar } from "../ir/scopes.js";
import { args, contains, enclosingFunc, goMinor, isStoreTarget, spanOf, statementOf, terminatesAfter, unparen, within } from "../ir/syntax.js";
import { underlying } from "../ir/index.js";
import { embeddedSyncField, lookupMethod } from "../ir/lookup.js";
import { derefType } from "../ir/type-expr.js";
import type { FileIR } from "../ir/types.js";
import type { GoNode } from "../parse/node.js";
import { inspectAnalyzer, type Inspector } from "./base/inspect.js";
import { locksetsAnalyzer, type LockMode, type Locksets } from "./base/locksets.js";
import { scopesAnalyzer } from "./base/scopes.js";
import { BLOCKING_METHODS, PARALLEL_METHOD, SPAWN_NAMES, spawnLabel, spawnOfFunc, spawnOfMethod, type SpawnSpec } from "./concurrency-api.js";
import { defineAnalyzer } from "./framework.js";
import { type FileEnv, importPathOf } from "../ir/names.js";

/** A function literal that runs on another goroutine. */
export interface SpawnedClosure {
  file: FileIR;
  /** The closure that runs on the other goroutine. */
  fn: GoNode;
  /** The statement or call that starts it. */
  site: GoNode;
  /** `goroutine`, or the table's label: `g.Go callback`, `WaitGroup.Go callback`, `parallel subtest`, `time.AfterFunc callback`. */
  what: string;
  /** Only uses after this offset run concurrently (a subtest's code after `t.Parallel()`). */
  concurrentFrom: number;
  /** Starter waits are irrelevant (parallel subtests run after the parent's body). */
  afterParent: boolean;
}

/** A loop variable all iterations share (Go < 1.22) that a closure started in the loop uses. */
export interface LoopVarCapture {
  kind: "loop";
  spawn: SpawnedClosure;
  v: LocalVar;
  /** The closure's first use of it. */
  use: GoNode;
}

/** `err` or a named result the starter assigns again while the closure may still use it. */
export interface ReassignedCapture {
  kind: "reassigned";
  spawn: SpawnedClosure;
  v: LocalVar;
  use: GoNode;
  /** The function (declaration or literal) that starts the closure. */
  starter: GoNode;
  /** The first assignment after the spawn (a statement, or a `return` with values for a named result). */
  write: GoNode;
}

export type Capture = LoopVarCapture | ReassignedCapture;

export interface CapturedVars {
  /** Every spawned closure of the package, in source order. */
  spawns: readonly SpawnedClosure[];
  /** What they capture, in the order of their spawns (loop variables first for each). */
  captures: readonly Capture[];
}

export const capturedVarsAnalyzer = defineAnalyzer<CapturedVars>({
  name: "captured-vars",
  doc: `Goroutine closures that use a variable their starter keeps changing: a shared loop variable before Go 1.22, or err / a named result assigned again after the spawn.

Spawns are go statements and the concurrency API's callback and parallel-subtest
spawns given a function literal. Waits are select, receives and the API's blocking
methods; locks are the locksets analyzer's.`,
  requires: [inspectAnalyzer, scopesAnalyzer, locksetsAnalyzer],
  run(pass) {
    const inspect = pass.resultOf(inspectAnalyzer);
    const scopes = pass.resultOf(scopesAnalyzer);
    const locksets = pass.resultOf(locksetsAnalyzer);
    const spawns: SpawnedClosure[] = [];
    const captures: Capture[] = [];
    for (const file of pass.ir.files) {
      const c = new Captures({ ir: pass.ir, file, scopes: scopes.of(file) }, inspect, locksets);
      const minor = goMinor(file.goVersion);
      const sharedLoopVars = minor !== null && minor < 22;
      for (const node of inspect.withinAny(file.parsed.root, ["go_statement", "call_expression"])) {
        const spawn = node.type === "go_statement" ? c.goStatement(node) : c.librarySpawn(node);
        if (!spawn) continue;
        spawns.push(spawn);
        if (sharedLoopVars) for (const x of c.loopVars(spawn)) captures.push(x);
        for (const x of c.reassigned(spawn)) captures.push(x);
      }
    }
    return { spawns, captures };
  },
  toJSON: (r) => ({
    spawns: r.spawns.map((s) => `${where(s.file, s.site)} ${s.what}`),
    captures: r.captures.map((c) =>
      c.kind === "loop"
        ? `${where(c.spawn.file, c.use)} loop variable ${c.v.name} shared by the ${c.spawn.what} at line ${c.spawn.site.loc.start.line}`
        : `${where(c.spawn.file, c.use)} ${c.v.kind === "result" ? "named result" : "variable"} ${c.v.name} assigned again at line ${c.write.loc.start.line} while the ${c.spawn.what} at line ${c.spawn.site.loc.start.line} may use it`,
    ),
  }),
});

function where(file: FileIR, node: GoNode): string {
  const s = spanOf(node, file);
  return `${s.file}:${s.line}:${s.column}`;
}

/** Library spawns a captured variable can race in: callbacks and parallel subtests (handlers are registrations, not this rule's). */
const CLOSURE_THREADS: ReadonlySet<SpawnSpec["thread"]> = new Set(["callback", "subtest"]);

const NON_BLOCKING_BUILTINS = new Set([
  "append", "len", "cap", "make", "new", "copy", "delete", "clear", "min", "max", "complex", "real", "imag",
  "string", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
  "byte", "rune", "float32", "float64", "bool",
]);

/** Nodes that block until another goroutine acts: a select, a receive, a call of a blocking method. */
const WAIT_TYPES = ["select_statement", "unary_expression", "receive_statement", "call_expression"];

/** The spawns and captures of one file. */
class Captures {
  constructor(
    private readonly env: FileEnv,
    private readonly inspect: Inspector,
    private readonly locksets: Locksets,
  ) {}

  goStatement(node: GoNode): SpawnedClosure | null {
    const call = unparen(node.children[0]);
    const fn = call?.type === "call_expression" ? unparen(call.field("function")) : undefined;
    return fn?.type === "func_literal" ? { file: this.env.file, fn, site: node, what: "goroutine", concurrentFrom: fn.start, afterParent: false } : null;
  }

  /** `g.Go(func...)`, `time.AfterFunc(d, func...)`, `t.Run(name, func(t *testing.T) { t.Parallel(); ... })`, by the concurrency API table. */
  librarySpawn(call: GoNode): SpawnedClosure | null {
    const fn = unparen(call.field("function"));
    if (fn?.type !== "selector_expression") return null;
    const operand = fn.field("operand");
    const name = fn.field("field")?.text;
    // Cheap exit before typing the receiver: no library spawns a goroutine under this name.
    if (!operand || !name || !SPAWN_NAMES.has(name)) return null;
    const a = args(call);
    const path = importPathOf(this.env, operand);
    const spec = path !== null ? spawnOfFunc(path, name, a.length) : this.methodSpawn(operand, name, a.length);
    if (!spec || !CLOSURE_THREADS.has(spec.thread)) return null;
    const lit = unparen(a[spec.funcArg]);
    if (lit?.type !== "func_literal") return null;
    const what = spawnLabel(spec.threadLabel, operand.text);
    if (!spec.needsParallel) return { file: this.env.file, fn: lit, site: call, what, concurrentFrom: lit.start, afterParent: false };
    const parallel = this.parallelCall(lit);
    return parallel ? { file: this.env.file, fn: lit, site: call, what, concurrentFrom: parallel.end, afterParent: true } : null;
  }

  private methodSpawn(operand: GoNode, method: string, argc: number): SpawnSpec | undefined {
    const { ir } = this.env;
    const t = this.env.scopes.typeOf(operand);
    // A method of this package's own is not the library's, whatever its name (as in the race walk).
    if (lookupMethod(ir, t, method)) return undefined;
    const named = derefType(t);
    const isStd = (pkg: string, name: string): boolean =>
      (named.k === "named" && named.pkg === pkg && named.name === name) || (pkg === "sync" && !!embeddedSyncField(ir, t, [name]));
    return spawnOfMethod(method, argc, { isStd, type: t, localStruct: underlying(ir, derefType(underlying(ir, t))).k === "struct" });
  }

  /** The `<t>.Parallel()` call in a subtest's own body (not in nested literals), `t` being its first parameter. */
  private parallelCall(lit: GoNode): GoNode | null {
    const param = lit.field("parameters")?.children[0]?.fieldAll("name")[0]?.text;
    const body = lit.field("body");
    if (!param || !body) return null;
    const marker = `${param}.${PARALLEL_METHOD}`;
    return this.inspect.within(body, "call_expression", { skipFuncLits: true }).find((n) => unparen(n.field("function"))?.text === marker && args(n).length === 0) ?? null;
  }

  /** The variables declared outside the closure that its body uses (from `concurrentFrom` on), with the first use of each. */
  private capturedUses(spawn: SpawnedClosure): Map<LocalVar, GoNode> {
    const uses = new Map<LocalVar, GoNode>();
    const body = spawn.fn.field("body");
    if (!body) return uses;
    for (const n of this.inspect.within(body, "identifier")) {
      if (n.start < spawn.concurrentFrom) continue;
      const v = this.env.scopes.resolve(n);
      if (v && !within(v.decl, spawn.fn) && !uses.has(v)) uses.set(v, n);
    }
    return uses;
  }

  loopVars(spawn: SpawnedClosure): LoopVarCapture[] {
    const out: LoopVarCapture[] = [];
    for (const [v, use] of this.capturedUses(spawn)) {
      const loop = declaringLoop(v);
      const body = loop?.field("body");
      if (!loop || !body || !within(spawn.site, body)) continue;
      // The loop ends right after the spawn (break, return): the variable doesn't change any more.
      if (!spawn.afterParent && terminatesAfter(statementOf(spawn.site), loop)) continue;
      // Waiting for the goroutine within the iteration keeps the loop variable still while it runs;
      // any later call in the iteration might be such a wait, so only spawns that end the iteration are reported.
      if (!spawn.afterParent && this.blocksAfter(body, spawn.site)) continue;
      out.push({ kind: "loop", spawn, v, use });
    }
    return out;
  }

  reassigned(spawn: SpawnedClosure): ReassignedCapture[] {
    const starter = enclosingFunc(spawn.site);
    const starterBody = starter?.field("body");
    if (!starter || !starterBody) return [];
    const from = statementOf(spawn.site).end;
    const out: ReassignedCapture[] = [];
    for (const [v, use] of this.capturedUses(spawn)) {
      const isErr = v.name === "err" && (v.kind === "var" || v.kind === "result");
      if (!isErr && v.kind !== "result") continue;
      if (v.kind === "result" && v.func !== starter) continue;
      if (!within(v.decl, starter) && v.func !== starter) continue;
      const writes = this.laterWrites(v, starterBody, from);
      const write = writes[0];
      if (!write) continue;
      // Both sides take one mutex around every use: the accesses are ordered by it.
      if (this.guardedByCommonLock(v, spawn, starter, writes)) continue;
      out.push({ kind: "reassigned", spawn, v, use, starter, write });
    }
    return out;
  }

  /**
   * Does the iteration go on to something that may wait for the goroutine
   * (`wg.Wait()`, `<-done`, `select`, or any call: `io.ReadAll(pipe)` blocks
   * until the goroutine closes the pipe) after the spawn? Code of other
   * goroutines and closures doesn't count, except closures that contain the
   * spawn (a `t.Run` body).
   */
  private blocksAfter(body: GoNode, site: GoNode): boolean {
    const from = site.end;
    const { ir, scopes } = this.env;
    return this.inspect.withinAny(body, WAIT_TYPES).some((n) => {
      if (n.start < from || this.elsewhere(n, body, site)) return false;
      if (isWait(n)) return true;
      if (n.type !== "call_expression") return false;
      const fn = unparen(n.field("function"));
      const builtin = fn?.type === "identifier" && NON_BLOCKING_BUILTINS.has(fn.text) && !scopes.resolve(fn) && !ir.funcs.has(fn.text);
      return !builtin;
    });
  }

  /** Is `n` in a go statement or function literal below `top` that doesn't hold `site`? */
  private elsewhere(n: GoNode, top: GoNode, site: GoNode): boolean {
    for (let p: GoNode | null = n; p && p !== top; p = p.parent) {
      if ((p.type === "go_statement" || p.type === "func_literal") && !contains(p, site)) return true;
    }
    return false;
  }

  /** The writes to `v` in the starter's own body after `from`, up to the first wait, in source order; for named results, `return x` counts. */
  private laterWrites(v: LocalVar, body: GoNode, from: number): GoNode[] {
    const candidates: GoNode[] = [];
    for (const w of this.env.scopes.writes(v)) {
      if (w.ident === v.decl || w.stmt.start < from || !within(w.stmt, body) || inNestedLiteral(w.ident, body)) continue;
      candidates.push(w.stmt);
    }
    if (v.kind === "result") {
      // `return x, err` assigns the results, except where it returns the result itself (`return s, nil` for s).
      const results = (v.func.field("result")?.children ?? []).flatMap((d) => d.fieldAll("name"));
      const index = results.indexOf(v.decl);
      for (const n of this.inspect.within(body, "return_statement", { skipFuncLits: true })) {
        if (n.children.length === 0 || n.start < from) continue;
        const values = n.children[0]?.type === "expression_list" ? n.children[0].children : n.children;
        const mine = unparen(values[index]);
        if (values.length === results.length && mine?.type === "identifier" && this.env.scopes.resolve(mine) === v) continue;
        candidates.push(n);
      }
    }
    candidates.sort((a, b) => a.start - b.start);
    // `err = g.Wait()`: an assignment that ends after a wait happens after it.
    const wait = this.firstWait(body, from);
    return wait === null ? candidates : candidates.filter((c) => c.end <= wait.start);
  }

  /** The first wait of the starter's own body (function literals excluded) that starts at or after `from`. */
  private firstWait(body: GoNode, from: number): GoNode | null {
    return this.inspect.withinAny(body, WAIT_TYPES, { skipFuncLits: true }).find((n) => n.start >= from && isWait(n)) ?? null;
  }

  /**
   * Is there a mutex that the goroutine holds at each of its uses of `v` and
   * the starter holds (as a write lock) at each of its later writes?
   * `mu.Lock(); if err == nil { err = e }; mu.Unlock()` on both sides is not a
   * race, only a choice of which error wins.
   */
  private guardedByCommonLock(v: LocalVar, spawn: SpawnedClosure, starter: GoNode, writes: GoNode[]): boolean {
    const body = spawn.fn.field("body");
    if (!body) return false;
    let common: Map<string, LockMode> | null = null;
    const meet = (held: ReadonlyMap<string, LockMode>, needWrite: boolean): void => {
      const next = new Map<string, LockMode>();
      for (const [k, mode] of held) {
        if (needWrite && mode !== "write") continue;
        if (common === null || common.has(k)) next.set(k, mode);
      }
      common = next;
    };
    const uses = this.env.scopes.uses(v).filter((n) => within(n, body) && n.start >= spawn.concurrentFrom);
    if (uses.length === 0) return false;
    // A write under a read lock races with another writer: writes need the write lock.
    for (const n of uses) meet(this.locksets.heldAt(n, spawn.fn), isStoreTarget(n));
    for (const w of writes) meet(this.locksets.heldAt(w, starter), true);
    return ((common as Map<string, LockMode> | null)?.size ?? 0) > 0;
  }
}

/** Does `n` block until another goroutine acts: a select, a receive, a call of a blocking method (`x.Wait()`)? */
function isWait(n: GoNode): boolean {
  switch (n.type) {
    case "select_statement":
    case "receive_statement":
      return true;
    case "unary_expression":
      return n.field("operator")?.text === "<-";
    case "call_expression": {
      const fn = unparen(n.field("function"));
      return fn?.type === "selector_expression" && BLOCKING_METHODS.has(fn.field("field")?.text ?? "") && args(n).length === 0;
    }
    default:
      return false;
  }
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

/** Is `n` inside a function literal that is below `top`? */
function inNestedLiteral(n: GoNode, top: GoNode): boolean {
  for (let p = n.parent; p && p !== top; p = p.parent) if (p.type === "func_literal") return true;
  return false;
}

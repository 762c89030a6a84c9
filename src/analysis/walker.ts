/**
 * The dataflow pass proper: an abstract walk of one entry function (a "root")
 * that follows values into goroutines and calls.
 *
 * - Values are abstract identities (values.ts): allocations, package
 *   variables, receivers, and paths below them (`.field`, `[]`).
 * - Calls to functions and methods of the package are walked inline with their
 *   arguments bound (a context-sensitive summary, computed where it is used),
 *   up to a depth limit, with the caller's locks held; recursion is cut.
 * - `go` statements and known spawners (time.AfterFunc, HTTP handlers,
 *   parallel subtests, errgroup-style Go, WaitGroup.Go) start a new Thread and
 *   walk its body there.
 * - Lock state is tracked statement by statement: Lock/RLock/Unlock/TryLock,
 *   deferred unlocks, early returns, lock helpers that return the unlock.
 * - Happens-before events (WaitGroup Done/Wait, channel send/close/receive,
 *   sync.Once) are recorded with the goroutine's program order (seq).
 *
 * Anything the walk can't resolve produces no access: unknown stays silent.
 */
import type { GoNode } from "../parse/node.js";
import type { FileIR, FuncIR, GoType, PackageIR } from "../ir/types.js";
import { TypeInference, type LocalTypes } from "../ir/infer.js";
import { embeddedSyncField, localTypeName, lookupField, lookupMethod } from "../ir/lookup.js";
import { fileOfNode } from "../ir/node-index.js";
import { derefType, typeFromNode, typeString, UNKNOWN } from "../ir/type-expr.js";
import { underlying } from "../ir/index.js";
import type { SourceSpan } from "../report/finding.js";
import type { Access, AccessKind, Site, SyncEvent, Thread } from "./facts.js";
import type { NoReturn } from "./base/noreturn.js";
import { CONCURRENT_SAFE_TYPES, GROUP_WAIT, LOCK_METHODS, MUTEX_TYPES, ONCE, PARALLEL_METHOD, spawnLabel, spawnOfFunc, spawnOfMethod, WAIT_GROUP, type SpawnSpec } from "./concurrency-api.js";
import { isFalseConstant } from "../ir/consts.js";
import { enclosingFunc, perIterationLoopVars, stripParens } from "../ir/syntax.js";
import { allocValue, elemOf, fieldOf, funcValue, globalValue, isFuncValue, keyedElemOf, literalSite, literalValue, onceValue, recvValue, republish, symValue, windowOf } from "./values.js";
import { Env, LockState, type Frame, type FuncVal, type LoopCtx, type Sym, type ThreadCtx, type WalkState } from "./state.js";

export class BudgetExceeded extends Error {}
class RootBudgetExceeded extends Error {}

/** How deep calls are inlined from a root (the root's own frame is depth 0). */
export const MAX_DEPTH = 5;
/** Steps one entry point may take; past it, its walk is dropped whole (partial walks would lose orderings). */
const ROOT_BUDGET = 40_000;
const MAX_FUNCVALS = 4;
/** Most identities one variable tracks. */
const MAX_VALUES = 32;

export interface RawObject {
  key: string;
  name: string;
  kind: "map" | "slice";
  type: string | null;
  created: SourceSpan | null;
}

/** What all root walks of a package share: objects, accesses, threads, events. */
export class Collector {
  objects = new Map<string, RawObject>();
  accesses: Access[] = [];
  threads: Thread[] = [];
  events: SyncEvent[] = [];
  /** Once keys whose Do callback contains the access (by access id). */
  onceInit = new Map<number, string>();
  /** Once keys passed before the access (by access id). */
  passedOnce = new Map<number, Set<string>>();
  /** Allocations made by constructors: alloc key → `recv:Type` used across roots. */
  published = new Map<string, string>();
  /** Where identities come from, as (node, file); turned into spans only for objects that are accessed. */
  origins = new Map<string, { node: GoNode; file: FileIR }>();
  /** Loops around each allocation: the object is new in every iteration of these. */
  allocLoops = new Map<string, Set<GoNode>>();
  /** Per-instance identities of each multi-instance thread. */
  instanceKeys = new Map<number, Set<string>>();
  steps = 0;
  rootWalks = 0;
  /** Entry points whose walk ran out of steps and was dropped. */
  rootsDropped: string[] = [];
  /** The parent's per-iteration identities when each goroutine was started in a loop. */
  spawnKeys = new Map<number, Set<string>>();
}

export function spanOf(node: GoNode, file: FileIR): SourceSpan {
  const { start, end } = node.loc;
  return { file: file.file.relPath, line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
}

/** The empty result most expressions evaluate to; shared, so it is typed read-only. */
const NO_VALUES: ReadonlySet<string> = new Set<string>();

export class RootWalker {
  private symIds = 0;
  private maxDepth = MAX_DEPTH;
  private rootBudgetEnd = Infinity;
  private typeCache = new WeakMap<GoNode, GoType>();
  private invocations = 0;
  private funcVals = new Map<string, FuncVal>();
  private chanContents = new Map<string, Set<string>>();
  /** Channel receives of the current root walk: how much the channel held when read. */
  private chanReads = new Map<string, number>();
  private fieldStores = new Map<GoNode, Array<{ field: string; offset: number }>>();
  readonly infer: TypeInference;

  constructor(
    readonly ir: PackageIR,
    readonly out: Collector,
    readonly budget: number,
    private readonly noReturn: NoReturn,
    infer?: TypeInference,
  ) {
    this.infer = infer ?? new TypeInference(ir);
  }

  // ---------------------------------------------------------------- roots

  /** Walk `fn` as an entry point on a fresh goroutine of the given kind. */
  /**
   * Walks `fn` as an entry point. `maxDepth` bounds how deep calls are followed.
   * Returns false when the walk was dropped (its step budget ran out).
   */
  walkRoot(fn: FuncIR, kind: Thread["kind"], multi: boolean, maxDepth = MAX_DEPTH): boolean {
    const mark = { accesses: this.out.accesses.length, threads: this.out.threads.length, events: this.out.events.length, syms: this.symIds, invocations: this.invocations, rootWalks: this.out.rootWalks };
    this.maxDepth = maxDepth;
    try {
      this.rootBudgetEnd = this.out.steps + ROOT_BUDGET;
      this.chanReads.clear();
      this.walkRootOnce(fn, kind, multi);
      // A goroutine walked at its go statement may receive what the parent sends only later:
      // walk the root once more with the channel contents the first walk found.
      if ([...this.chanReads].some(([k, n]) => (this.chanContents.get(k)?.size ?? 0) > n)) {
        this.truncate(mark);
        this.chanReads.clear();
        this.rootBudgetEnd = this.out.steps + ROOT_BUDGET;
        this.walkRootOnce(fn, kind, multi);
      }
      return true;
    } catch (e) {
      this.truncate(mark);
      if (e instanceof RootBudgetExceeded) {
        this.out.rootsDropped.push(fn.key);
        return false;
      }
      throw e;
    } finally {
      this.chanReads.clear();
    }
  }

  /** Forget everything a root walk recorded since `mark`. */
  private truncate(mark: { accesses: number; threads: number; events: number; syms: number; invocations: number; rootWalks: number }): void {
    for (let i = mark.accesses; i < this.out.accesses.length; i++) {
      this.out.onceInit.delete(i);
      this.out.passedOnce.delete(i);
    }
    for (let i = mark.threads; i < this.out.threads.length; i++) {
      this.out.instanceKeys.delete(i);
      this.out.spawnKeys.delete(i);
    }
    this.out.accesses.length = mark.accesses;
    this.out.threads.length = mark.threads;
    this.out.events.length = mark.events;
    this.out.rootWalks = mark.rootWalks;
    this.symIds = mark.syms;
    this.invocations = mark.invocations;
  }

  private walkRootOnce(fn: FuncIR, kind: Thread["kind"], multi: boolean): Thread {
    const thread = this.newThread(`${kind === "handler" ? "HTTP handler" : "caller of"} ${fn.key}`, kind, multi, null, 0, null, fn.key, false);
    const ctx = this.threadCtx(thread, new Set());
    const recvVals = fn.recv ? new Set([recvValue(fn.recv.typeName)]) : null;
    const args = fn.params.map(() => new Set<string>());
    const st: WalkState = { frame: this.rootFrame(fn), thread: ctx, locks: new LockState(), loops: [] };
    // `fooLocked` is called with the lock already held (a Go naming convention): which lock
    // is unknown, so its own accesses count as guarded by an unknown lock.
    if (/Locked$/.test(fn.name)) st.locks.unknown = 1;
    this.invokeDecl(fn, recvVals, args, st, null, true);
    return thread;
  }

  private rootFrame(fn: FuncIR): Frame {
    return { fn, fnName: fn.key, file: fn.file, results: [], returns: [], deferredUnlocks: [], deferredCalls: [], via: [], depth: 0, active: new Set(), onceKey: null, invocation: ++this.invocations };
  }

  private newThread(label: string, kind: Thread["kind"], multi: boolean, parent: number | null, spawnSeq: number, site: Site | null, root: string, afterParent: boolean): Thread {
    const rootWalk = parent === null ? ++this.out.rootWalks : this.out.threads[parent]!.rootWalk;
    const t: Thread = { id: this.out.threads.length, label, kind, multi, parent, spawnSeq, site, afterParent, root, rootWalk, escapes: false, startSeq: spawnSeq, multiFromLoop: false };
    this.out.threads.push(t);
    return t;
  }

  private threadCtx(thread: Thread, instanceKeys: Set<string>): ThreadCtx {
    this.out.instanceKeys.set(thread.id, instanceKeys);
    const spawnKeys = new Set(instanceKeys);
    this.out.spawnKeys.set(thread.id, spawnKeys);
    return { thread, seq: 0, instanceKeys, spawnKeys, passedOnce: new Set() };
  }

  private step(): void {
    if (++this.out.steps > this.budget) throw new BudgetExceeded();
    if (this.out.steps > this.rootBudgetEnd) throw new RootBudgetExceeded();
  }

  // ---------------------------------------------------------------- symbols

  private declare(env: Env, name: string, type: GoType, values: Set<string>, decl: GoNode | null, st: WalkState | null): Sym {
    const sym: Sym = { id: ++this.symIds, name, type, values, decl, };
    if (name !== "_") env.set(name, sym);
    if (st) {
      // A variable's storage is per iteration of the loops around its declaration and per goroutine instance.
      for (const l of st.loops) l.perIteration.add(symValue(sym.id));
      if (st.thread.thread.multi) st.thread.instanceKeys.add(symValue(sym.id));
    }
    if (decl && st) this.out.origins.set(symValue(sym.id), { node: decl, file: st.frame.file });
    return sym;
  }

  private localsOf(env: Env): LocalTypes {
    return (name) => env.lookup(name)?.type;
  }

  /** Static types depend only on lexical scope, so they are computed once per node. */
  private typeOf(expr: GoNode | undefined, env: Env, st: WalkState): GoType {
    if (!expr) return UNKNOWN;
    let t = this.typeCache.get(expr);
    if (!t) {
      t = this.infer.typeOf(expr, st.frame.file, this.localsOf(env));
      this.typeCache.set(expr, t);
    }
    return t;
  }

  private under(t: GoType): GoType {
    return underlying(this.ir, t);
  }

  // ---------------------------------------------------------------- statements

  /** Walks a block; returns true when it always ends the function (or loop iteration). */
  private walkBlock(block: GoNode | undefined, env: Env, st: WalkState): boolean {
    if (!block) return false;
    const list = block.type === "block" ? block.children.find((c) => c.type === "statement_list") : block;
    if (!list) return false;
    const scope = new Env(env);
    let terminated = false;
    for (const s of list.children) {
      if (terminated) break;
      terminated = this.walkStmt(s, scope, st);
    }
    return terminated;
  }

  private walkStmt(s: GoNode, env: Env, st: WalkState): boolean {
    this.step();
    switch (s.type) {
      case "expression_statement": {
        const e = s.children[0];
        if (e) this.evalExpr(e, env, st);
        return e?.type === "call_expression" && this.noReturn.isNoReturn(e);
      }
      case "short_var_declaration":
        this.walkShortVar(s, env, st);
        return false;
      case "assignment_statement":
        this.walkAssign(s, env, st);
        return false;
      case "inc_statement":
      case "dec_statement": {
        const target = s.children[0];
        if (target) this.writeTarget(target, env, st, "write");
        return false;
      }
      case "var_declaration":
      case "const_declaration":
        this.walkVarDecl(s, env, st);
        return false;
      case "go_statement":
        this.walkGo(s, env, st);
        return false;
      case "defer_statement":
        this.walkDefer(s, env, st);
        return false;
      case "return_statement":
        this.walkReturn(s, env, st);
        for (const l of st.loops) if (l.frame === st.frame) l.exits.push(st.thread.seq);
        return true;
      case "if_statement":
        return this.walkIf(s, env, st);
      case "for_statement":
        this.walkFor(s, env, st);
        return false;
      case "expression_switch_statement":
      case "type_switch_statement":
        return this.walkSwitch(s, env, st);
      case "select_statement":
        return this.walkSelect(s, env, st);
      case "block":
        return this.walkBlock(s, env, st);
      case "labeled_statement": {
        const inner = s.children.find((c) => c.type !== "label_name");
        return inner ? this.walkStmt(inner, env, st) : false;
      }
      case "send_statement": {
        const ch = s.field("channel");
        const value = s.field("value");
        const vals = value ? this.evalExpr(value, env, st) : NO_VALUES;
        const chKeys = ch ? this.evalExpr(ch, env, st) : NO_VALUES;
        for (const k of chKeys) {
          let c = this.chanContents.get(k);
          if (!c) this.chanContents.set(k, (c = new Set()));
          for (const v of vals) c.add(v);
          this.event(k, "signal", st);
        }
        return false;
      }
      case "receive_statement":
        this.walkReceive(s, env, st);
        return false;
      case "break_statement": {
        const target = breakTarget(s);
        const i = target ? st.loops.findIndex((l) => l.node === target) : -1;
        // Leaving a loop leaves every loop inside it too.
        if (i >= 0) for (const l of st.loops.slice(i)) l.exits.push(st.thread.seq);
        return true;
      }
      case "continue_statement":
      case "goto_statement":
      case "fallthrough_statement":
        return true;
      default:
        return false;
    }
  }

  private walkShortVar(s: GoNode, env: Env, st: WalkState): void {
    const left = s.field("left")?.children ?? [];
    const right = s.field("right")?.children ?? [];
    const rhs = this.evalList(right, left.length, env, st);
    left.forEach((l, i) => {
      if (l.type !== "identifier") return;
      const existing = env.own(l.text);
      const { vals: raw, type } = rhs[i] ?? { vals: new Set<string>(), type: UNKNOWN };
      const vals = right.length === left.length && right[i] ? this.detachIfSwapped(right[i]!, raw, type, st) : raw;
      if (existing && left.length > 1) {
        // `a, err := ...` reuses err declared in the same scope.
        for (const v of vals) existing.values.add(v);
        return;
      }
      this.declare(env, l.text, type, new Set(vals), l, st);
    });
  }

  /** Values and types of a right-hand side list, spreading a multi-value call or comma-ok form over `n` targets. */
  private evalList(right: GoNode[], n: number, env: Env, st: WalkState): Array<{ vals: ReadonlySet<string>; type: GoType }> {
    if (right.length === 1 && n > 1) {
      const e = right[0]!;
      const bare = stripParens(e);
      if (bare.type === "call_expression") {
        const results = this.evalCall(bare, env, st);
        const types = this.infer.callResults(bare, st.frame.file, this.localsOf(env));
        return Array.from({ length: n }, (_, i) => ({ vals: results[i] ?? NO_VALUES, type: types[i] ?? UNKNOWN }));
      }
      // comma-ok: v, ok := m[k] / x.(T) / <-ch
      const vals = this.evalExpr(e, env, st);
      return [{ vals, type: this.typeOf(e, env, st) }, { vals: new Set(), type: { k: "basic", name: "bool" } }];
    }
    return right.map((e) => ({ vals: this.evalExpr(e, env, st), type: this.typeOf(e, env, st) }));
  }

  /**
   * `m := c.items; c.items = make(...)` (swap under lock, then use outside it): the local
   * holds the old map, which no one else can reach any more. When the field is stored to
   * later in the same function, the loaded value is treated as a fresh object.
   */
  private detachIfSwapped(rhs: GoNode, vals: ReadonlySet<string>, type: GoType, st: WalkState): ReadonlySet<string> {
    const r = stripParens(rhs);
    if (r.type !== "selector_expression" || !vals.size) return vals;
    const u = this.under(type).k;
    if (u !== "map" && u !== "slice") return vals;
    const field = r.field("field")?.text;
    const fn = enclosingFunc(r);
    if (!field || !fn) return vals;
    let stores = this.fieldStores.get(fn);
    if (!stores) this.fieldStores.set(fn, (stores = collectFieldStores(fn)));
    if (!stores.some((x) => x.field === field && x.offset > r.range[1])) return vals;
    return new Set([this.alloc(r, st, type)]);
  }

  private walkAssign(s: GoNode, env: Env, st: WalkState): void {
    const op = s.field("operator")?.text ?? "=";
    const left = s.field("left")?.children ?? [];
    const right = s.field("right")?.children ?? [];
    if (op !== "=") {
      // m[k] += v: a read-modify-write of the element.
      for (const r of right) this.evalExpr(r, env, st);
      for (const l of left) this.writeTarget(l, env, st, "write");
      return;
    }
    // x = append(x, ...): a write of the slice variable itself.
    const appendTo = left.length === 1 && right.length === 1 ? appendTarget(left[0]!, right[0]!) : null;
    const rhs = this.evalList(right, left.length, env, st);
    left.forEach((l, i) => {
      const raw = rhs[i]?.vals ?? NO_VALUES;
      const vals = stripParens(l).type === "identifier" && right.length === left.length && right[i] ? this.detachIfSwapped(right[i]!, raw, rhs[i]!.type, st) : raw;
      if (appendTo) {
        this.writeTarget(l, env, st, "append");
        this.assignTo(l, vals, env, st);
        return;
      }
      this.writeTarget(l, env, st, "write");
      this.assignTo(l, vals, env, st);
      const target = stripParens(l);
      if (target.type === "selector_expression" && right.length === left.length && right[i]) {
        for (const fk of this.evalFieldKeys(target, env, st)) this.aliasField(right[i]!, fk, env);
      }
    });
  }

  /** Identities of a field selector without recording accesses (`x.f` → `<x>.f`). */
  private evalFieldKeys(sel: GoNode, env: Env, st: WalkState): string[] {
    const operand = sel.field("operand");
    const name = sel.field("field")?.text;
    if (!operand || !name) return [];
    const field = lookupField(this.ir, this.typeOf(operand, env, st), name);
    if (!field) return [];
    const path = [...field.hops, name].join(".");
    return [...this.locOf(operand, env, st)].map((b) => fieldOf(b, path)).filter((k): k is string => k !== null);
  }

  /** Records the flow of `vals` into a local variable. Fields and globals keep their path identity. */
  private assignTo(target: GoNode, vals: ReadonlySet<string>, env: Env, _st: WalkState): void {
    const t = stripParens(target);
    if (t.type === "identifier") {
      const sym = env.lookup(t.text);
      // A variable that has held many objects is already imprecise; more only costs time.
      if (sym) for (const v of vals) if (sym.values.size < MAX_VALUES) sym.values.add(v);
    } else if (t.type === "unary_expression" && t.field("operator")?.text === "*") {
      // *p = v: p's pointee now holds v; we conflate pointer and pointee, nothing to record.
    }
  }

  /** A store through `target`: records map writes, element writes and appends; evaluates sub-expressions as reads. */
  private writeTarget(target: GoNode, env: Env, st: WalkState, kind: "write" | "append"): void {
    const t = stripParens(target);
    if (t.type === "index_expression") {
      const operand = t.field("operand");
      const index = t.field("index");
      if (!operand) return;
      const objVals = this.evalExpr(operand, env, st);
      if (index) this.evalExpr(index, env, st);
      const ot = this.under(derefType(this.under(this.typeOf(operand, env, st))));
      if (ot.k === "map") this.record("write", objVals, operand, t, env, st, this.typeOf(operand, env, st), index);
      else if (ot.k === "slice" || (ot.k === "array" && this.under(this.typeOf(operand, env, st)).k === "ptr")) {
        this.record("elem-write", objVals, operand, t, env, st, this.typeOf(operand, env, st), index);
      }
      return;
    }
    if (kind === "append") {
      const vals = this.locOf(t, env, st);
      const tt = this.typeOf(t, env, st);
      if (this.under(tt).k === "slice") this.record("append", vals, t, t, env, st, tt, undefined);
      return;
    }
    if (t.type === "selector_expression") {
      const op = t.field("operand");
      if (op) this.evalExpr(op, env, st);
      return;
    }
    if (t.type === "unary_expression") {
      const op = t.field("operand");
      if (op) this.evalExpr(op, env, st);
    }
  }

  private walkVarDecl(s: GoNode, env: Env, st: WalkState): void {
    const specs = s.children.flatMap((c) => (c.type === "var_spec_list" ? c.children : [c]));
    for (const spec of specs) {
      if (spec.type !== "var_spec" && spec.type !== "const_spec") continue;
      const names = spec.fieldAll("name").filter((n) => n.type === "identifier");
      const declared = typeFromNode(spec.field("type"), st.frame.file.imports);
      const values = spec.field("value")?.children ?? [];
      const rhs = values.length ? this.evalList(values, names.length, env, st) : [];
      names.forEach((n, i) => {
        const r = rhs[i];
        const type = declared.k !== "unknown" ? declared : r?.type ?? UNKNOWN;
        this.declare(env, n.text, type, new Set(r?.vals ?? []), n, st);
      });
    }
  }

  private walkReturn(s: GoNode, env: Env, st: WalkState): void {
    const list = s.children[0];
    const exprs = list?.children ?? [];
    const rhs = exprs.length ? this.evalList(exprs, Math.max(st.frame.results.length, exprs.length), env, st) : [];
    rhs.forEach((r, i) => {
      let set = st.frame.returns[i];
      if (!set) st.frame.returns[i] = set = new Set();
      for (const v of r.vals) set.add(v);
    });
    if (!exprs.length) {
      st.frame.results.forEach((sym, i) => {
        let set = st.frame.returns[i];
        if (!set) st.frame.returns[i] = set = new Set();
        for (const v of sym.values) set.add(v);
      });
    }
  }

  private walkIf(s: GoNode, env: Env, st: WalkState): boolean {
    const scope = new Env(env);
    const init = s.field("initializer");
    if (init) this.walkStmt(init, scope, st);
    const cond = s.field("condition");
    // `if debugMode {` with `const debugMode = false`: the branch is dead code.
    if (cond && !init && isFalseConstant(this.ir, cond, (name) => env.lookup(name) !== undefined)) {
      const alt = s.field("alternative");
      if (!alt) return false;
      return alt.type === "if_statement" ? this.walkIf(alt, scope, st) : this.walkBlock(alt, scope, st);
    }
    const tryLock = cond ? this.tryLockIn(cond, scope, st) : null;
    const negated = cond ? stripParens(cond) : null;
    const notTryLock = negated?.type === "unary_expression" && negated.field("operator")?.text === "!" ? this.tryLockIn(negated.field("operand")!, scope, st) : null;
    if (cond && !tryLock && !notTryLock) this.evalExpr(cond, scope, st);
    const before = st.locks.clone();
    const thenLocks = before.clone();
    if (tryLock) thenLocks.set(tryLock.key, tryLock);
    const thenState = { ...st, locks: thenLocks };
    const thenTerm = this.walkBlock(s.field("consequence"), scope, thenState);
    const alt = s.field("alternative");
    const elseLocks = before.clone();
    // `if !mu.TryLock() { return }`: past the if, the lock is held.
    if (notTryLock) elseLocks.set(notTryLock.key, notTryLock);
    const elseState = { ...st, locks: elseLocks };
    const elseTerm = alt ? (alt.type === "if_statement" ? this.walkIf(alt, scope, elseState) : this.walkBlock(alt, scope, elseState)) : false;
    const live: LockState[] = [];
    if (!thenTerm) live.push(thenLocks);
    if (!elseTerm) live.push(elseLocks);
    const merged = live.length ? LockState.meet(live) : before;
    // `if doLock { s.mu.Lock() }`: locked only when the caller doesn't hold it already.
    // Which of the two is unknown: count it as an unknown lock (the matching conditional
    // unlock releases it).
    if (!alt && !thenTerm && [...thenLocks.keys()].some((k) => !before.has(k))) merged.unknown++;
    st.locks.assign(merged);
    return thenTerm && elseTerm;
  }

  /** `if mu.TryLock() {`: the lock is held in the consequence. */
  private tryLockIn(cond: GoNode, env: Env, st: WalkState): { key: string; name: string; mode: "read" | "write"; cls: string | null } | null {
    const c = stripParens(cond);
    if (c.type !== "call_expression") return null;
    const fn = c.field("function");
    if (fn?.type !== "selector_expression") return null;
    const m = fn.field("field")?.text;
    const op = m && Object.hasOwn(LOCK_METHODS, m) ? LOCK_METHODS[m]! : undefined;
    if (op?.effect !== "try") return null;
    const lock = this.lockIdentity(fn.field("operand")!, env, st);
    if (!lock) return null;
    return { key: lock.key, name: lock.name, mode: op.mode, cls: lock.cls };
  }

  private walkFor(s: GoNode, env: Env, st: WalkState): void {
    const scope = new Env(env);
    const loop: LoopCtx = { node: s, startSeq: st.thread.seq, perIteration: new Set(), frame: st.frame, exits: [] };
    const clause = s.children.find((c) => c.type === "for_clause" || c.type === "range_clause");
    const entryLocks = st.locks.clone();
    const firstThread = this.out.threads.length;
    const firstEvent = this.out.events.length;
    st.loops.push(loop);
    try {
      if (clause?.type === "for_clause") {
        const init = clause.field("initializer");
        if (init) this.walkStmt(init, scope, st);
        const cond = clause.field("condition");
        if (cond) this.evalExpr(cond, scope, st);
      } else if (clause?.type === "range_clause") {
        this.walkRangeHeader(clause, scope, st, loop);
      } else {
        const cond = s.children.find((c) => c !== s.field("body"));
        if (cond) this.evalExpr(cond, scope, st);
      }
      // Before Go 1.22 the variables a for statement declares are one variable for the whole loop.
      if (clause && !perIterationLoopVars(st.frame.file.goVersion)) {
        for (const sym of scope.ownSymbols()) loop.perIteration.delete(symValue(sym.id));
      }
      this.walkBlock(s.field("body"), scope, st);
      if (clause?.type === "for_clause") {
        const upd = clause.field("update");
        if (upd) this.walkStmt(upd, scope, st);
      }
    } finally {
      st.loops.pop();
    }
    st.locks.assign(LockState.meet([entryLocks, st.locks]));
    this.joinWithinIteration(st, loop, firstThread, firstEvent);
  }

  /**
   * `for ... { wg.Add(1); go work(); wg.Wait() }`: a goroutine started in a
   * loop and waited for in the same iteration is one instance at a time, and
   * the loop's next iteration comes after it. Likewise a loop that leaves
   * (`break`, `return`) after starting it — "try each server until one
   * connects" — starts it once. (Precision first: a loop that may break after
   * starting several is treated the same way.)
   */
  private joinWithinIteration(st: WalkState, loop: LoopCtx, firstThread: number, firstEvent: number): void {
    const me = st.thread.thread.id;
    const events = this.out.events.slice(firstEvent);
    for (const t of this.out.threads.slice(firstThread)) {
      if (t.parent !== me || !t.multiFromLoop) continue;
      if (loop.exits.some((x) => x > t.startSeq)) {
        t.spawnSeq = t.startSeq;
        t.multi = false;
        t.multiFromLoop = false;
        continue;
      }
      const signals = this.out.events.filter((e) => e.thread === t.id && e.op === "signal").map((e) => e.key);
      const joined = events.some((w) => w.thread === me && w.op === "wait" && w.seq > t.startSeq && signals.includes(w.key));
      if (joined) {
        t.spawnSeq = t.startSeq;
        t.multi = false;
        t.multiFromLoop = false;
      }
    }
  }

  private walkRangeHeader(clause: GoNode, scope: Env, st: WalkState, loop: LoopCtx): void {
    const right = clause.field("right");
    if (!right) return;
    const rt = this.typeOf(right, scope, st);
    const u = this.under(derefType(this.under(rt)));
    const vals = this.evalExpr(right, scope, st);
    if (u.k === "map") this.record("range", vals, right, clause.parent ?? clause, scope, st, rt, undefined);
    if (u.k === "chan") for (const k of vals) this.event(k, "wait", st);
    const [kt, vt] = this.infer.rangeTypes(rt);
    const left = clause.field("left")?.children ?? [];
    const elemVals = new Set<string>();
    if (u.k === "chan") {
      for (const k of vals) {
        const contents = this.chanContents.get(k);
        if (!this.chanReads.has(k)) this.chanReads.set(k, contents?.size ?? 0);
        for (const v of contents ?? []) elemVals.add(v);
      }
    }
    else for (const v of vals) {
      const k = elemOf(v);
      if (k) elemVals.add(k);
    }
    for (const v of elemVals) loop.perIteration.add(v);
    const isDecl = clause.text.includes(":=");
    left.forEach((l, i) => {
      if (l.type !== "identifier") {
        this.writeTarget(l, scope, st, "write");
        return;
      }
      const isValue = u.k === "chan" ? i === 0 : i === 1;
      const values = isValue ? new Set(elemVals) : new Set<string>();
      if (isDecl) this.declare(scope, l.text, i === 0 ? kt : vt, values, l, st);
      else this.assignTo(l, values, scope, st);
    });
  }

  private walkSwitch(s: GoNode, env: Env, st: WalkState): boolean {
    const scope = new Env(env);
    const init = s.field("initializer");
    if (init) this.walkStmt(init, scope, st);
    const value = s.field("value");
    if (value) this.evalExpr(value, scope, st);
    const alias = s.field("alias")?.children[0];
    const before = st.locks.clone();
    const live: LockState[] = [];
    let hasDefault = false;
    let allTerm = true;
    for (const c of s.children) {
      if (c.type !== "expression_case" && c.type !== "type_case" && c.type !== "default_case") continue;
      if (c.type === "default_case") hasDefault = true;
      const caseScope = new Env(scope);
      if (alias?.type === "identifier") this.declare(caseScope, alias.text, UNKNOWN, new Set(), alias, st);
      for (const v of c.field("value")?.children ?? []) this.evalExpr(v, caseScope, st);
      const locks = before.clone();
      const list = c.children.find((x) => x.type === "statement_list");
      const term = list ? this.walkBlock(list, caseScope, { ...st, locks }) : false;
      if (!term) live.push(locks);
      allTerm &&= term;
    }
    if (!hasDefault) {
      live.push(before);
      allTerm = false;
    }
    st.locks.assign(live.length ? LockState.meet(live) : before);
    return allTerm;
  }

  private walkSelect(s: GoNode, env: Env, st: WalkState): boolean {
    const before = st.locks.clone();
    const live: LockState[] = [];
    let allTerm = true;
    for (const c of s.children) {
      if (c.type !== "communication_case" && c.type !== "default_case") continue;
      const scope = new Env(env);
      const locks = before.clone();
      const cst = { ...st, locks };
      const comm = c.field("communication");
      if (comm) this.walkStmt(comm, scope, cst);
      const list = c.children.find((x) => x.type === "statement_list");
      const term = list ? this.walkBlock(list, scope, cst) : false;
      if (!term) live.push(locks);
      allTerm &&= term;
    }
    st.locks.assign(live.length ? LockState.meet(live) : before);
    return allTerm && live.length === 0 && s.children.length > 0;
  }

  private walkReceive(s: GoNode, env: Env, st: WalkState): void {
    const right = s.field("right");
    const vals = right ? this.evalExpr(right, env, st) : NO_VALUES;
    const left = s.field("left")?.children ?? [];
    const isDecl = s.text.includes(":=");
    left.forEach((l, i) => {
      if (l.type !== "identifier") return;
      const v = i === 0 ? vals : NO_VALUES;
      if (isDecl) this.declare(env, l.text, i === 0 ? this.typeOf(right, env, st) : { k: "basic", name: "bool" }, new Set(v), l, st);
      else this.assignTo(l, v, env, st);
    });
  }

  // ---------------------------------------------------------------- go / defer

  private walkGo(s: GoNode, env: Env, st: WalkState): void {
    const call = stripParens(s.children[0] ?? s);
    if (call.type !== "call_expression") return;
    const site: Site = { node: s, span: spanOf(s, st.frame.file), label: "go statement" };
    const targets = this.callTargets(call, env, st);
    const args = (call.field("arguments")?.children ?? []).map((a) => this.evalExpr(a, env, st));
    if (!targets.length) return;
    for (const fv of targets.slice(0, MAX_FUNCVALS)) {
      this.spawn(fv, args, st, site, "go", { multi: false, afterParent: false, label: `goroutine started at ${site.span.file}:${site.span.line}` });
    }
  }

  /** Starts a new goroutine running `fv` with the given arguments (already evaluated in the parent). */
  private spawn(fv: FuncVal, args: ReadonlySet<string>[], st: WalkState, site: Site, kind: Thread["kind"], opts: { multi: boolean; afterParent: boolean; label: string; signalKey?: string }): Thread {
    const inLoop = st.loops.length > 0;
    const spawnSeq = inLoop ? st.loops[0]!.startSeq : st.thread.seq;
    const multi = opts.multi || inLoop || st.thread.thread.multi;
    const thread = this.newThread(opts.label, kind, multi, st.thread.thread.id, spawnSeq, site, st.thread.thread.root, opts.afterParent);
    thread.startSeq = st.thread.seq;
    thread.multiFromLoop = inLoop && !opts.multi && !st.thread.thread.multi;
    st.thread.seq++;
    const instanceKeys = new Set<string>(st.thread.thread.multi ? st.thread.instanceKeys : []);
    if (inLoop) for (const k of st.loops[st.loops.length - 1]!.perIteration) instanceKeys.add(k);
    const ctx = this.threadCtx(thread, instanceKeys);
    ctx.passedOnce = new Set(st.thread.passedOnce);
    const frame: Frame = { ...st.frame, via: [...st.frame.via, site], deferredUnlocks: [], deferredCalls: [], returns: [], results: [], onceKey: null };
    const cst: WalkState = { frame, thread: ctx, locks: new LockState(), loops: [] };
    this.invoke(fv, args, cst, site, true);
    if (opts.signalKey) this.event(opts.signalKey, "signal", cst);
    return thread;
  }

  private walkDefer(s: GoNode, env: Env, st: WalkState): void {
    const call = stripParens(s.children[0] ?? s);
    if (call.type !== "call_expression") return;
    const fn = call.field("function");
    if (!fn) return;
    // The deferred function value and its arguments are evaluated now; the call runs at function exit.
    if (fn.type === "selector_expression") {
      const method = fn.field("field")?.text ?? "";
      const operand = fn.field("operand")!;
      if (Object.hasOwn(LOCK_METHODS, method) && LOCK_METHODS[method]!.effect === "release") {
        const lock = this.lockIdentity(operand, env, st);
        if (lock) st.frame.deferredUnlocks.push(lock.key);
        else st.frame.deferredUnlocks.push("?");
        return;
      }
      if (method === WAIT_GROUP.signal && this.isSyncType(operand, env, st, WAIT_GROUP.name)) {
        const key = this.syncKey(operand, env, st);
        if (key) st.frame.deferredCalls.push(() => this.event(key, "signal", st));
        return;
      }
    }
    if (fn.type === "identifier" && fn.text === "close" && !env.lookup("close")) {
      const arg = call.field("arguments")?.children[0];
      const keys = arg ? this.evalExpr(arg, env, st) : NO_VALUES;
      st.frame.deferredCalls.push(() => {
        for (const k of keys) this.event(k, "signal", st);
      });
      return;
    }
    const targets = this.callTargets(call, env, st);
    const args = (call.field("arguments")?.children ?? []).map((a) => this.evalExpr(a, env, st));
    if (!targets.length) return;
    const site: Site = { node: s, span: spanOf(s, st.frame.file), label: "deferred call" };
    st.frame.deferredCalls.push(() => {
      for (const fv of targets.slice(0, MAX_FUNCVALS)) this.invoke(fv, args, st, site, false);
    });
  }

  // ---------------------------------------------------------------- calls

  /** What a call's function expression may refer to. Evaluates calls nested in it (`c.locked()()`). */
  private callTargets(call: GoNode, env: Env, st: WalkState): FuncVal[] {
    const fn = stripParens(call.field("function") ?? call);
    return this.funcValsOf(fn, env, st);
  }

  private funcValsOf(e: GoNode, env: Env, st: WalkState): FuncVal[] {
    const x = stripParens(e);
    if (x.type === "func_literal") return [this.literalVal(x, env, st)];
    if (x.type === "identifier") {
      const sym = env.lookup(x.text);
      if (sym) return [...sym.values].map((v) => this.funcVals.get(v)).filter((f): f is FuncVal => !!f);
      const decl = this.ir.funcs.get(x.text);
      return decl ? [this.declVal(decl, null)] : [];
    }
    if (x.type === "selector_expression") {
      const operand = x.field("operand")!;
      const name = x.field("field")?.text ?? "";
      if (operand.type === "identifier" && this.infer.importPath(st.frame.file, operand.text, this.localsOf(env)) !== undefined) return [];
      const hit = lookupMethod(this.ir, this.typeOf(operand, env, st), name);
      if (hit) {
        const recv = this.evalExpr(operand, env, st);
        return [this.declVal(hit.method, addHops(recv, hit.hops))];
      }
      return [];
    }
    if (x.type === "call_expression") {
      const results = this.evalCall(x, env, st);
      return [...(results[0] ?? [])].map((v) => this.funcVals.get(v)).filter((f): f is FuncVal => !!f);
    }
    return [];
  }

  private literalVal(lit: GoNode, env: Env, st: WalkState): FuncVal {
    const key = literalValue(st.frame.file.file.relPath, lit.range[0], this.funcVals.size);
    const fv: FuncVal = { key, decl: null, literal: lit, env, file: st.frame.file, recv: null, name: `func literal at ${st.frame.file.file.relPath}:${lit.loc.start.line}` };
    this.funcVals.set(key, fv);
    return fv;
  }

  private declVal(decl: FuncIR, recv: ReadonlySet<string> | null): FuncVal {
    const key = funcValue(decl.key, recv ? [...recv].sort() : []);
    let fv = this.funcVals.get(key);
    if (!fv) {
      fv = { key, decl, literal: null, env: null, file: decl.file, recv, name: decl.key };
      this.funcVals.set(key, fv);
    }
    return fv;
  }

  /** Walks the body of a function value with arguments bound; returns its results' identities. */
  private invoke(fv: FuncVal, args: ReadonlySet<string>[], st: WalkState, site: Site | null, isThreadStart: boolean): ReadonlySet<string>[] {
    if (fv.decl) return this.invokeDecl(fv.decl, fv.recv, args, st, site, isThreadStart);
    const lit = fv.literal!;
    const guard = literalSite(fv.key);
    if (st.frame.active.has(guard) || st.frame.depth >= this.maxDepth) return [];
    const env = new Env(fv.env);
    const frame: Frame = {
      ...st.frame,
      fn: st.frame.fn,
      file: fv.file,
      results: [],
      returns: [],
      deferredUnlocks: [],
      deferredCalls: [],
      via: isThreadStart ? st.frame.via : st.frame.via,
      depth: st.frame.depth + 1,
      active: new Set([...st.frame.active, guard]),
      invocation: ++this.invocations,
    };
    const fst: WalkState = { ...st, frame };
    this.bindParams(env, this.paramsOfLiteral(lit, fv.file), args, fst);
    this.walkBody(lit.field("body"), env, fst);
    st.locks.assign(fst.locks);
    return frame.returns;
  }

  private paramsOfLiteral(lit: GoNode, file: FileIR): Array<{ name: string; type: GoType; node: GoNode | null; variadic: boolean }> {
    const out: Array<{ name: string; type: GoType; node: GoNode | null; variadic: boolean }> = [];
    for (const decl of lit.field("parameters")?.children ?? []) {
      const variadic = decl.type === "variadic_parameter_declaration";
      let type = typeFromNode(decl.field("type"), file.imports);
      if (variadic) type = { k: "slice", elem: type };
      const names = decl.fieldAll("name");
      if (!names.length) out.push({ name: "", type, node: null, variadic });
      for (const n of names) out.push({ name: n.text, type, node: n, variadic });
    }
    return out;
  }

  private invokeDecl(decl: FuncIR, recv: ReadonlySet<string> | null, args: ReadonlySet<string>[], st: WalkState, site: Site | null, isThreadStart: boolean): ReadonlySet<string>[] {
    if (!decl.body) return [];
    if (st.frame.active.has(decl.key) || st.frame.depth >= this.maxDepth) return [];
    const env = new Env(null);
    const frame: Frame = {
      fn: decl,
      fnName: decl.key,
      file: decl.file,
      results: [],
      returns: [],
      deferredUnlocks: [],
      deferredCalls: [],
      via: site && !isThreadStart ? [...st.frame.via, site] : st.frame.via,
      depth: st.frame.depth + 1,
      active: new Set([...st.frame.active, decl.key]),
      onceKey: st.frame.onceKey,
      invocation: ++this.invocations,
    };
    const fst: WalkState = { ...st, frame };
    if (decl.recv && decl.recv.name) {
      const rt: GoType = decl.recv.pointer ? { k: "ptr", elem: { k: "named", name: decl.recv.typeName, pkg: null } } : { k: "named", name: decl.recv.typeName, pkg: null };
      this.declare(env, decl.recv.name, rt, new Set(recv ?? []), decl.recv.node, fst);
    }
    this.bindParams(env, decl.params, args, fst);
    for (const r of decl.results) {
      if (r.name) frame.results.push(this.declare(env, r.name, r.type, new Set(), r.node, fst));
    }
    this.walkBody(decl.body, env, fst);
    st.locks.assign(fst.locks);
    return frame.returns;
  }

  private bindParams(env: Env, params: Array<{ name: string; type: GoType; node: GoNode | null; variadic: boolean }>, args: ReadonlySet<string>[], st: WalkState): void {
    params.forEach((p, i) => {
      if (!p.name) return;
      const vals = new Set<string>(p.variadic ? args.slice(i).flatMap((a) => [...a]) : args[i] ?? []);
      const sym = this.declare(env, p.name, p.type, vals, p.node, st);
      // A parameter with nothing bound (an entry point's own parameter) is its own identity.
      if (vals.size === 0) sym.values.add(symValue(sym.id));
    });
  }

  /** Walks a function body, then its deferred calls, then releases deferred unlocks. */
  private walkBody(body: GoNode | undefined, env: Env, st: WalkState): void {
    this.walkBlock(body, env, st);
    for (const d of [...st.frame.deferredCalls].reverse()) d();
    for (const key of st.frame.deferredUnlocks) {
      if (key === "?") st.locks.unknown = Math.max(0, st.locks.unknown - 1);
      else st.locks.delete(key);
    }
  }

  /** Evaluates a call: builtins, sync primitives, spawners, package functions (inlined). Returns result identities. */
  private evalCall(call: GoNode, env: Env, st: WalkState): ReadonlySet<string>[] {
    this.step();
    const fn = stripParens(call.field("function") ?? call);
    const argNodes = call.field("arguments")?.children ?? [];
    const file = st.frame.file;
    const locals = this.localsOf(env);

    if (fn.type === "identifier" && !env.lookup(fn.text) && !this.ir.funcs.has(fn.text)) {
      const builtin = this.evalBuiltin(fn.text, call, argNodes, env, st);
      if (builtin) return builtin;
    }
    // Conversions keep identity: []byte(x) is a copy for strings, but T(m) of a map type is the same map.
    const conv = this.infer.asType(fn, file, locals);
    if (conv) {
      const v = argNodes[0] ? this.evalExpr(argNodes[0], env, st) : NO_VALUES;
      const u = this.under(conv);
      return [u.k === "map" || u.k === "slice" || u.k === "ptr" || u.k === "func" ? v : NO_VALUES];
    }

    if (fn.type === "selector_expression") {
      const operand = fn.field("operand")!;
      const method = fn.field("field")?.text ?? "";
      const importPath = operand.type === "identifier" ? this.infer.importPath(file, operand.text, locals) : undefined;
      if (importPath !== undefined) return this.evalPackageCall(importPath, method, call, argNodes, env, st);
      const special = this.evalSpecialMethod(operand, method, call, argNodes, env, st);
      if (special) return special;
    }

    const targets = this.funcValsOf(fn, env, st);
    const args = argNodes.map((a) => (a.type === "func_literal" ? new Set([this.literalVal(a, env, st).key]) : this.evalExpr(a, env, st)));
    if (!targets.length) return [];
    const site: Site = { node: call, span: spanOf(call, file), label: `call to ${targets[0]!.name}` };
    const results: Set<string>[] = [];
    for (const fv of targets.slice(0, MAX_FUNCVALS)) {
      const r = this.invoke(fv, args, st, site, false);
      r.forEach((set, i) => {
        if (!results[i]) results[i] = new Set();
        for (const v of set) results[i]!.add(v);
      });
    }
    return results;
  }

  private evalBuiltin(name: string, call: GoNode, args: GoNode[], env: Env, st: WalkState): ReadonlySet<string>[] | null {
    switch (name) {
      case "make":
      case "new": {
        for (const a of args.slice(1)) this.evalExpr(a, env, st);
        return [new Set([this.alloc(call, st, args[0] ? typeFromNode(args[0], st.frame.file.imports) : UNKNOWN)])];
      }
      case "append": {
        const first = args[0] ? this.evalExpr(args[0], env, st) : NO_VALUES;
        for (const a of args.slice(1)) this.evalExpr(a, env, st);
        return [first];
      }
      case "len":
      case "cap": {
        const a = args[0];
        if (a) {
          const vals = this.evalExpr(a, env, st);
          const t = this.typeOf(a, env, st);
          if (this.under(t).k === "map") this.record("len", vals, a, call, env, st, t, undefined);
        }
        return [NO_VALUES];
      }
      case "delete":
      case "clear": {
        const a = args[0];
        if (a) {
          const vals = this.evalExpr(a, env, st);
          for (const x of args.slice(1)) this.evalExpr(x, env, st);
          const t = this.typeOf(a, env, st);
          const u = this.under(t).k;
          if (u === "map") this.record(name, vals, a, call, env, st, t, undefined);
          else if (u === "slice" && name === "clear") this.record("elem-write", vals, a, call, env, st, t, undefined);
        }
        return [NO_VALUES];
      }
      case "copy": {
        const dst = args[0];
        if (dst) {
          const vals = this.evalExpr(dst, env, st);
          if (args[1]) this.evalExpr(args[1], env, st);
          const t = this.typeOf(dst, env, st);
          if (this.under(t).k === "slice") this.record("copy", vals, dst, call, env, st, t, undefined);
        }
        return [NO_VALUES];
      }
      case "close": {
        const a = args[0];
        if (a) for (const k of this.evalExpr(a, env, st)) this.event(k, "signal", st);
        return [NO_VALUES];
      }
      case "panic":
      case "print":
      case "println":
      case "min":
      case "max":
      case "recover":
        for (const a of args) this.evalExpr(a, env, st);
        return [NO_VALUES];
      default:
        return null;
    }
  }

  /** Calls into other packages: spawners we know, everything else evaluated for its arguments only. */
  private evalPackageCall(path: string, name: string, call: GoNode, args: GoNode[], env: Env, st: WalkState): ReadonlySet<string>[] {
    const spec = spawnOfFunc(path, name, args.length);
    if (spec) {
      this.librarySpawn(spec, name, call, args, null, env, st);
      return [NO_VALUES];
    }
    if (path === "net/http" && name === "HandlerFunc" && args[0]) {
      return [new Set(this.funcValsOf(args[0], env, st).map((f) => f.key))];
    }
    for (const a of args) if (a.type !== "func_literal") this.evalExpr(a, env, st);
    return [NO_VALUES];
  }

  /** A goroutine a library call starts (concurrency-api.ts): a callback, a handler, a parallel subtest. */
  private librarySpawn(spec: SpawnSpec, name: string, call: GoNode, args: GoNode[], operand: GoNode | null, env: Env, st: WalkState): void {
    const fnArg = args[spec.funcArg]!;
    const others = args.filter((_, i) => i !== spec.funcArg);
    const site = (label: string): Site => ({ node: call, span: spanOf(call, st.frame.file), label });
    const where = `${st.frame.file.file.relPath}:${call.loc.start.line}`;
    const operandText = operand?.text ?? "";
    switch (spec.thread) {
      case "handler":
        if (operand) this.evalExpr(operand, env, st);
        for (const a of others) this.evalExpr(a, env, st);
        this.spawnHandler(fnArg, name === "Handle", call, env, st);
        return;
      case "subtest":
        for (const a of others) this.evalExpr(a, env, st);
        for (const fv of this.funcValsOf(fnArg, env, st).slice(0, MAX_FUNCVALS)) {
          if (fv.literal && callsParallel(fv.literal)) {
            this.spawn(fv, [], st, site(spec.siteLabel), "subtest", { multi: spec.many, afterParent: true, label: `${spec.threadLabel} at ${where}` });
          } else {
            this.invoke(fv, [], st, site("subtest"), false);
          }
        }
        return;
      case "callback": {
        const key = operand && spec.joinedByReceiverWait ? this.syncKey(operand, env, st) : null;
        for (const a of others) this.evalExpr(a, env, st);
        for (const fv of this.funcValsOf(fnArg, env, st).slice(0, MAX_FUNCVALS)) {
          this.spawn(fv, [], st, site(spawnLabel(spec.siteLabel, operandText)), "callback", { multi: spec.many, afterParent: false, label: `${spawnLabel(spec.threadLabel, operandText)} at ${where}`, ...(key ? { signalKey: key } : {}) });
        }
        return;
      }
    }
  }

  /** A handler runs once per request, many at a time. */
  private spawnHandler(handler: GoNode, isHandlerValue: boolean, call: GoNode, env: Env, st: WalkState): void {
    const site: Site = { node: call, span: spanOf(call, st.frame.file), label: "HTTP handler registration" };
    const label = `HTTP handler registered at ${st.frame.file.file.relPath}:${call.loc.start.line}`;
    let targets: FuncVal[];
    if (isHandlerValue) {
      const hit = lookupMethod(this.ir, this.typeOf(handler, env, st), "ServeHTTP");
      targets = hit ? [this.declVal(hit.method, addHops(this.evalExpr(handler, env, st), hit.hops))] : this.handlerFuncConversion(handler, env, st);
    } else {
      targets = this.funcValsOf(handler, env, st);
    }
    for (const fv of targets.slice(0, MAX_FUNCVALS)) this.spawn(fv, [], st, site, "handler", { multi: true, afterParent: false, label });
  }

  private handlerFuncConversion(handler: GoNode, env: Env, st: WalkState): FuncVal[] {
    const h = stripParens(handler);
    if (h.type === "call_expression" && h.field("function")?.text.endsWith("HandlerFunc")) {
      const a = h.field("arguments")?.children[0];
      return a ? this.funcValsOf(a, env, st) : [];
    }
    return [];
  }

  /** Methods with known concurrency meaning: locks, WaitGroup, Once, sync.Map, testing.T.Run, Go(func). */
  private evalSpecialMethod(operand: GoNode, method: string, call: GoNode, args: GoNode[], env: Env, st: WalkState): ReadonlySet<string>[] | null {
    const t = this.typeOf(operand, env, st);
    const inPackage = lookupMethod(this.ir, t, method);
    if (inPackage) return null;
    const base = this.under(derefType(this.under(t)));
    const named = derefType(t);
    const isSync = (n: string) => (named.k === "named" && named.pkg === "sync" && named.name === n) || !!embeddedSyncField(this.ir, t, [n]);

    const lockOp = Object.hasOwn(LOCK_METHODS, method) ? LOCK_METHODS[method]! : undefined;
    if (lockOp && args.length === 0) {
      // A TryLock outside an if condition takes the lock only sometimes: nothing is known held.
      if (lockOp.effect === "try") {
        this.evalExpr(operand, env, st);
        return [NO_VALUES];
      }
      const lock = this.lockIdentity(operand, env, st);
      if (!lock) {
        if (lockOp.effect === "acquire") st.locks.unknown++;
        else st.locks.unknown = Math.max(0, st.locks.unknown - 1);
        return [NO_VALUES];
      }
      if (lockOp.effect === "acquire") st.locks.set(lock.key, { key: lock.key, name: lock.name, mode: lockOp.mode, cls: lock.cls });
      else if (st.locks.has(lock.key)) st.locks.delete(lock.key);
      else if (st.locks.unknown > 0) st.locks.unknown--;
      st.thread.seq++;
      return [NO_VALUES];
    }
    if (isSync(WAIT_GROUP.name) && (method === WAIT_GROUP.signal || method === WAIT_GROUP.wait || method === WAIT_GROUP.add)) {
      const key = this.syncKey(operand, env, st);
      if (key && method !== WAIT_GROUP.add) this.event(key, method === WAIT_GROUP.signal ? "signal" : "wait", st);
      for (const a of args) if (method === WAIT_GROUP.add) this.evalExpr(a, env, st);
      return [NO_VALUES];
    }
    if (isSync(ONCE.name) && method === ONCE.method && args[ONCE.funcArg]) {
      const key = this.syncKey(operand, env, st) ?? onceValue(operand.text);
      const fvs = this.funcValsOf(args[ONCE.funcArg]!, env, st);
      const prev = st.frame.onceKey;
      st.frame.onceKey = key;
      try {
        for (const fv of fvs.slice(0, MAX_FUNCVALS)) this.invoke(fv, [], st, { node: call, span: spanOf(call, st.frame.file), label: "sync.Once.Do" }, false);
      } finally {
        st.frame.onceKey = prev;
      }
      st.thread.passedOnce.add(key);
      st.thread.seq++;
      return [NO_VALUES];
    }
    if (named.k === "named" && CONCURRENT_SAFE_TYPES.some((c) => c.pkg === named.pkg && c.name === named.name)) {
      for (const a of args) this.evalExpr(a, env, st);
      return [NO_VALUES];
    }
    const spec = spawnOfMethod(method, args.length, { isStd: (pkg, name) => pkg === "sync" && isSync(name), type: t, localStruct: base.k === "struct" });
    if (spec) {
      this.librarySpawn(spec, method, call, args, operand, env, st);
      return [NO_VALUES];
    }
    if (method === GROUP_WAIT && args.length === 0 && named.k === "named" && named.pkg !== null && named.pkg !== "sync") {
      const key = this.syncKey(operand, env, st);
      if (key) this.event(key, "wait", st);
      return [NO_VALUES];
    }
    return null;
  }

  private isSyncType(operand: GoNode, env: Env, st: WalkState, name: string): boolean {
    const t = this.typeOf(operand, env, st);
    const named = derefType(t);
    return (named.k === "named" && named.pkg === "sync" && named.name === name) || !!embeddedSyncField(this.ir, t, [name]) || named.k === "unknown";
  }

  /** Identity of a sync value (WaitGroup, Once, channel-like group) named by `operand`. */
  private syncKey(operand: GoNode, env: Env, st: WalkState): string | null {
    const vals = this.locOf(operand, env, st);
    if (vals.size !== 1) return vals.size ? [...vals].sort()[0]! : null;
    return [...vals][0]!;
  }

  /** Identity of the mutex in `x.Lock()`: x itself, or its embedded Mutex/RWMutex field. */
  private lockIdentity(operand: GoNode, env: Env, st: WalkState): { key: string; name: string; cls: string | null } | null {
    const vals = this.locOf(operand, env, st);
    if (vals.size !== 1) return null;
    let key = [...vals][0]!;
    const t = this.typeOf(operand, env, st);
    const named = derefType(t);
    let cls = this.lockClass(operand, env, st);
    if (!(named.k === "named" && named.pkg === "sync")) {
      const emb = embeddedSyncField(this.ir, t, MUTEX_TYPES);
      if (emb) {
        const path = [...emb.hops, emb.field.name].join(".");
        key = `${key}.${path}`;
        const owner = localTypeName(t);
        cls = owner ? `${owner}.${path}` : null;
      }
    }
    return { key: this.canonicalKey(key), name: operand.text, cls };
  }

  /** `db.mu` → `DB.mu` (owner type + field); a package variable → `global:mu`; else null. */
  private lockClass(operand: GoNode, env: Env, st: WalkState): string | null {
    const x = stripParens(operand);
    if (x.type === "selector_expression") {
      const owner = localTypeName(this.typeOf(x.field("operand"), env, st));
      const field = x.field("field")?.text;
      return owner && field ? `${owner}.${field}` : null;
    }
    if (x.type === "identifier" && !env.lookup(x.text) && this.ir.vars.has(x.text)) return globalValue(x.text);
    return null;
  }

  // ---------------------------------------------------------------- expressions

  /** Identity of the storage an expression names (for locks and WaitGroups: the variable itself, not its content). */
  private locOf(e: GoNode, env: Env, st: WalkState): ReadonlySet<string> {
    const x = stripParens(e);
    if (x.type === "identifier") {
      const sym = env.lookup(x.text);
      if (sym) {
        const t = this.under(sym.type);
        // Reference-like values are identified by what they hold; struct values (a Mutex, a WaitGroup) by the variable.
        if (t.k === "ptr" || t.k === "map" || t.k === "slice" || t.k === "chan" || t.k === "func" || t.k === "unknown" || t.k === "iface") {
          return sym.values.size ? new Set(sym.values) : new Set([symValue(sym.id)]);
        }
        return new Set([symValue(sym.id)]);
      }
      if (this.ir.vars.has(x.text)) return new Set([globalValue(x.text)]);
      return NO_VALUES;
    }
    if (x.type === "unary_expression") {
      const op = x.field("operator")?.text;
      const operand = x.field("operand");
      if ((op === "&" || op === "*") && operand) return this.locOf(operand, env, st);
      return NO_VALUES;
    }
    return this.evalExpr(x, env, st);
  }

  /** Evaluates an expression for its reads and returns the identities it denotes (empty when unknown). */
  evalExpr(e: GoNode, env: Env, st: WalkState): ReadonlySet<string> {
    this.step();
    switch (e.type) {
      case "identifier": {
        const sym = env.lookup(e.text);
        if (sym) return sym.values.size ? new Set(sym.values) : new Set([symValue(sym.id)]);
        if (this.ir.vars.has(e.text) && !this.ir.vars.get(e.text)!.isConst) {
          const key = globalValue(e.text);
          if (!this.out.origins.has(key)) this.out.origins.set(key, { node: this.ir.vars.get(e.text)!.node, file: this.ir.vars.get(e.text)!.file });
          return new Set([key]);
        }
        const decl = this.ir.funcs.get(e.text);
        if (decl) return new Set([this.declVal(decl, null).key]);
        return NO_VALUES;
      }
      case "parenthesized_expression":
        return e.children[0] ? this.evalExpr(e.children[0], env, st) : NO_VALUES;
      case "selector_expression": {
        const operand = e.field("operand")!;
        const name = e.field("field")?.text ?? "";
        if (operand.type === "identifier" && this.infer.importPath(st.frame.file, operand.text, this.localsOf(env)) !== undefined) return NO_VALUES;
        const t = this.typeOf(operand, env, st);
        const base = this.locOf(operand, env, st);
        const field = lookupField(this.ir, t, name);
        if (field) {
          const path = [...field.hops, name].join(".");
          const out = new Set<string>();
          for (const b of base) {
            const key = fieldOf(b, path);
            if (!key) continue;
            out.add(key);
            if (!this.out.origins.has(key)) this.out.origins.set(key, { node: field.field.node, file: fileOfNode(this.ir, field.field.node) ?? st.frame.file });
          }
          return out;
        }
        const method = lookupMethod(this.ir, t, name);
        if (method) return new Set([this.declVal(method.method, addHops(base, method.hops)).key]);
        return NO_VALUES;
      }
      case "index_expression": {
        const operand = e.field("operand")!;
        const index = e.field("index");
        const vals = this.evalExpr(operand, env, st);
        if (index) this.evalExpr(index, env, st);
        const t = this.typeOf(operand, env, st);
        const u = this.under(derefType(this.under(t)));
        if (u.k === "map") this.record("read", vals, operand, e, env, st, t, index);
        else if (u.k === "slice") this.record("elem-read", vals, operand, e, env, st, t, index);
        // Values under two different constant keys are two objects; under any other key, one summary.
        const lit = u.k === "map" && index && isLiteral(index) ? index.text : null;
        return mapAll(vals, (v) => (lit === null ? elemOf(v) : keyedElemOf(v, lit)));
      }
      case "slice_expression": {
        const operand = e.field("operand")!;
        let perIterationBound = false;
        for (const f of ["start", "end", "capacity"]) {
          const n = e.field(f);
          if (!n) continue;
          this.evalExpr(n, env, st);
          // Only a start that moves with the iteration separates the parts: buf[:n] always overlaps.
          if (f === "start") perIterationBound ||= this.mentionsPerIterationVar(n, env, st);
        }
        const vals = this.evalExpr(operand, env, st);
        // buf[i*n:(i+1)*n] with i from the loop: each iteration gets its own part of the array.
        if (perIterationBound && vals.size) return new Set([this.alloc(e, st, this.typeOf(operand, env, st))]);
        // buf[off:] is another window into the array: treated as its own object (two windows
        // with different starts are usually disjoint: a header and a body), so only accesses
        // through the same window are paired. Precision first.
        const start = e.field("start");
        if (start && !(start.type === "int_literal" && Number(start.text) === 0)) {
          // Re-slicing a window (`s = s[n:]` in a loop) stays in the same family of windows.
          return mapAll(vals, (v) => windowOf(v, start.text));
        }
        return vals;
      }
      case "unary_expression": {
        const op = e.field("operator")?.text;
        const operand = e.field("operand");
        if (!operand) return NO_VALUES;
        if (op === "&") {
          const inner = stripParens(operand);
          if (inner.type === "composite_literal") return this.evalExpr(inner, env, st);
          return this.locOf(operand, env, st);
        }
        if (op === "<-") {
          const chans = this.evalExpr(operand, env, st);
          const out = new Set<string>();
          for (const k of chans) {
            this.event(k, "wait", st);
            const contents = this.chanContents.get(k);
            if (!this.chanReads.has(k)) this.chanReads.set(k, contents?.size ?? 0);
            for (const v of contents ?? []) out.add(v);
          }
          return out;
        }
        const vals = this.evalExpr(operand, env, st);
        return op === "*" ? vals : NO_VALUES;
      }
      case "call_expression":
        return this.evalCall(e, env, st)[0] ?? NO_VALUES;
      case "composite_literal": {
        const body = e.field("body");
        const t = typeFromNode(e.field("type"), st.frame.file.imports);
        const key = this.alloc(e, st, t);
        if (body) this.evalLiteralBody(body, key, t, env, st);
        return new Set([key]);
      }
      case "func_literal":
        return new Set([this.literalVal(e, env, st).key]);
      case "binary_expression": {
        const l = e.field("left");
        const r = e.field("right");
        if (l) this.evalExpr(l, env, st);
        if (r) this.evalExpr(r, env, st);
        return NO_VALUES;
      }
      case "type_assertion_expression":
      case "type_conversion_expression": {
        const operand = e.field("operand");
        return operand ? this.evalExpr(operand, env, st) : NO_VALUES;
      }
      case "expression_list": {
        for (const c of e.children) this.evalExpr(c, env, st);
        return NO_VALUES;
      }
      default:
        return NO_VALUES;
    }
  }

  /** Composite literal elements: struct fields that hold maps or function values flow into `key.field`. */
  private evalLiteralBody(body: GoNode, key: string, t: GoType, env: Env, st: WalkState): void {
    for (const el of body.children) {
      if (el.type === "keyed_element") {
        const k = el.field("key");
        const v = el.field("value");
        const valueExpr = v?.children[0];
        if (valueExpr) {
          if (valueExpr.type === "literal_value") this.evalLiteralBody(valueExpr, key, UNKNOWN, env, st);
          else this.evalExpr(valueExpr, env, st);
          const fieldName = k?.children[0];
          if (valueExpr.type !== "literal_value" && fieldName?.type === "identifier" && this.under(t).k === "struct") this.aliasField(valueExpr, `${key}.${fieldName.text}`, env);
        }
        // Keys of map literals are expressions; struct keys are field names (not evaluated).
        if (k && this.under(t).k === "map") {
          const ke = k.children[0];
          if (ke && ke.type !== "literal_value") this.evalExpr(ke, env, st);
        }
      } else if (el.type === "literal_element") {
        const valueExpr = el.children[0];
        if (valueExpr && valueExpr.type !== "literal_value") this.evalExpr(valueExpr, env, st);
        else if (valueExpr) this.evalLiteralBody(valueExpr, key, UNKNOWN, env, st);
      }
    }
  }

  /**
   * `r := &Reg{byName: m}` or `r.byName = m`: the local `m` and the field now hold one map.
   * The field keeps its path identity (what other functions see); the local gains it too.
   */
  private aliasField(valueExpr: GoNode, fieldKey: string, env: Env): void {
    const v = stripParens(valueExpr);
    if (v.type !== "identifier") return;
    const sym = env.lookup(v.text);
    if (!sym) return;
    const u = this.under(sym.type).k;
    if (u === "map" || u === "slice" || u === "unknown") sym.values.add(fieldKey);
  }

  /** A new abstract object for make/new/composite literal. Constructors' allocations are published as `recv:Type`. */
  private alloc(node: GoNode, st: WalkState, t: GoType): string {
    const key = allocValue(st.frame.file.file.relPath, node.range[0], st.frame.invocation);

    if (st.loops.length && !this.out.allocLoops.has(key)) this.out.allocLoops.set(key, new Set(st.loops.map((l) => l.node)));
    if (st.thread.thread.multi) st.thread.instanceKeys.add(key);
    for (const l of st.loops) l.perIteration.add(key);
    if (!this.out.origins.has(key)) this.out.origins.set(key, { node, file: st.frame.file });
    const typeName = localTypeName(t);
    const fn = st.frame.fn;
    // Only the entry function's own allocation is "the value its caller gets": a constructor walked as a root.
    const isRootFrame = st.frame.depth === 1 && st.thread.thread.parent === null;
    if (isRootFrame && typeName && fn && fn.results.some((r) => localTypeName(r.type) === typeName)) this.out.published.set(key, recvValue(typeName));
    return key;
  }

  /** Canonical identity across roots: constructor allocations become the receiver identity of their type. */
  canonicalKey(key: string): string {
    return republish(key, this.out.published);
  }


  private event(key: string, op: "signal" | "wait", st: WalkState): void {
    st.thread.seq++;
    this.out.events.push({ key: this.canonicalKey(key), thread: st.thread.thread.id, seq: st.thread.seq, op, loops: st.loops.map((l) => l.node) });
    st.thread.seq++;
  }

  // ---------------------------------------------------------------- accesses

  private originSpan(key: string): SourceSpan | null {
    const o = this.out.origins.get(key);
    return o ? spanOf(o.node, o.file) : null;
  }

  private record(kind: AccessKind, vals: ReadonlySet<string>, objExpr: GoNode, node: GoNode, env: Env, st: WalkState, t: GoType, index: GoNode | undefined): void {
    if (!vals.size) return;
    const u = this.under(derefType(this.under(t)));
    const objKind = u.k === "map" ? "map" : u.k === "slice" || u.k === "array" ? "slice" : null;
    if (!objKind) return;
    // A slice variable that may hold one of several backing arrays (reslicing, append results,
    // `z = z.make(n)`) is not known to be the shared one: precision first.
    if (objKind === "slice" && vals.size > 1) return;
    const file = st.frame.file;
    const perInstanceIndex = index ? this.indexIsPerInstance(index, env, st) : false;
    for (const raw of vals) {
      if (isFuncValue(raw)) continue;
      const key = raw;
      if (!this.out.objects.has(key)) {
        this.out.objects.set(key, {
          key,
          name: objExpr.text.length > 60 ? objExpr.text.slice(0, 57) + "..." : objExpr.text,
          kind: objKind,
          type: typeString(t) === "?" ? null : typeString(t),
          created: this.originSpan(key),
        });
      }
      st.thread.seq++;
      const access: Access = {
        id: this.out.accesses.length,
        object: -1,
        key,
        kind,
        text: node.text.length > 80 ? node.text.slice(0, 77) + "..." : node.text,
        span: spanOf(node, file),
        node,
        thread: st.thread.thread.id,
        seq: st.thread.seq,
        locks: st.locks.values(),
        unknownLock: st.locks.unknown > 0,
        function: st.frame.fnName,
        root: st.thread.thread.root,
        via: st.frame.via,
        perInstanceIndex,
        loops: st.loops.map((l) => l.node),
      };
      this.out.accesses.push(access);
      if (st.frame.onceKey) this.out.onceInit.set(access.id, st.frame.onceKey);
      if (st.thread.passedOnce.size) this.out.passedOnce.set(access.id, new Set(st.thread.passedOnce));
    }
  }

  /** Does the expression use a variable declared in the innermost loop being walked? */
  private mentionsPerIterationVar(n: GoNode, env: Env, st: WalkState): boolean {
    const loop = st.loops[st.loops.length - 1];
    if (!loop) return false;
    const stack = [n];
    while (stack.length) {
      const x = stack.pop()!;
      if (x.type === "identifier") {
        const sym = env.lookup(x.text);
        if (sym && loop.perIteration.has(symValue(sym.id))) return true;
      }
      stack.push(...x.children);
    }
    return false;
  }

  /** `results[i]` where i is the goroutine's own parameter, or a variable declared per iteration. */
  private indexIsPerInstance(index: GoNode, env: Env, st: WalkState): boolean {
    const idx = stripParens(index);
    if (idx.type !== "identifier") return false;
    const sym = env.lookup(idx.text);
    if (!sym) return false;
    const key = symValue(sym.id);
    if (st.thread.spawnKeys.has(key)) return true;
    // A parameter of the goroutine's function literal: each instance gets its own argument.
    return st.thread.thread.multi && !!sym.decl && sym.decl.parent?.type === "parameter_declaration" && this.declaredInThreadStart(sym, st);
  }

  private declaredInThreadStart(sym: Sym, _st: WalkState): boolean {
    // The parameter belongs to a function literal or function started by `go` (the frame chain's outermost call).
    let n: GoNode | null = sym.decl;
    while (n && n.type !== "func_literal" && n.type !== "function_declaration" && n.type !== "method_declaration") n = n.parent;
    return !!n && n.parent?.type === "call_expression" && n.parent.parent?.type === "go_statement";
  }
}

/** The for statement an unlabeled or labeled `break` leaves, or null (a break of a switch/select). */
function breakTarget(brk: GoNode): GoNode | null {
  const label = brk.children.find((c) => c.type === "label_name")?.text;
  for (let n = brk.parent; n; n = n.parent) {
    if (n.type === "func_literal" || n.type === "function_declaration" || n.type === "method_declaration") return null;
    if (label) {
      if (n.type === "labeled_statement" && n.field("label")?.text === label) return n.children.find((c) => c.type === "for_statement") ?? null;
      continue;
    }
    if (n.type === "for_statement") return n;
    if (n.type === "expression_switch_statement" || n.type === "type_switch_statement" || n.type === "select_statement") return null;
  }
  return null;
}

function isLiteral(n: GoNode): boolean {
  const x = stripParens(n);
  return x.type === "interpreted_string_literal" || x.type === "raw_string_literal" || x.type === "int_literal" || x.type === "rune_literal";
}


/** `x.f = ...` stores in a function body (not in nested literals): field name and position. */
function collectFieldStores(fn: GoNode): Array<{ field: string; offset: number }> {
  const out: Array<{ field: string; offset: number }> = [];
  const stack: GoNode[] = [...fn.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === "func_literal") continue;
    if (n.type === "assignment_statement") {
      for (const l of n.field("left")?.children ?? []) {
        const t = stripParens(l);
        if (t.type === "selector_expression") out.push({ field: t.field("field")?.text ?? "", offset: t.range[0] });
      }
    }
    stack.push(...n.children);
  }
  return out;
}


/** `x = append(x, ...)` or `*p = append(*p, ...)`: the target appended to, else null. */
function appendTarget(left: GoNode, right: GoNode): GoNode | null {
  const r = stripParens(right);
  if (r.type !== "call_expression") return null;
  const fn = r.field("function");
  if (fn?.type !== "identifier" || fn.text !== "append") return null;
  const first = r.field("arguments")?.children[0];
  if (!first) return null;
  return stripParens(first).text.replace(/\s+/g, "") === stripParens(left).text.replace(/\s+/g, "") ? left : null;
}

function addHops(vals: ReadonlySet<string>, hops: string[]): ReadonlySet<string> {
  if (!hops.length) return vals;
  const path = hops.join(".");
  return mapAll(vals, (v) => fieldOf(v, path));
}

/** The values `step` derives from each of `vals` (those past the path limit dropped). */
function mapAll(vals: ReadonlySet<string>, step: (v: string) => string | null): Set<string> {
  const out = new Set<string>();
  for (const v of vals) {
    const k = step(v);
    if (k) out.add(k);
  }
  return out;
}

/** Does a subtest literal call `<t>.Parallel()` on its own parameter? */
function callsParallel(lit: GoNode): boolean {
  const param = lit.field("parameters")?.children[0]?.fieldAll("name")[0]?.text;
  if (!param) return false;
  const stack: GoNode[] = [lit.field("body")!].filter(Boolean);
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === "func_literal") continue;
    if (n.type === "call_expression" && n.field("function")?.text === `${param}.${PARALLEL_METHOD}`) return true;
    stack.push(...n.children);
  }
  return false;
}

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
import type { FuncIR } from "../../ir/types.js";
import type { Thread } from "../facts.js";
import { recvValue } from "../values.js";
import { LockState, type Frame, type WalkState } from "../state.js";
import { SummaryWalker } from "./summaries.js";
import { MAX_DEPTH, RootBudgetExceeded, ROOT_BUDGET } from "./common.js";

export class RootWalker extends SummaryWalker {
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
  protected truncate(mark: { accesses: number; threads: number; events: number; syms: number; invocations: number; rootWalks: number }): void {
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

  protected walkRootOnce(fn: FuncIR, kind: Thread["kind"], multi: boolean): Thread {
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

  protected rootFrame(fn: FuncIR): Frame {
    return { fn, fnName: fn.key, file: fn.file, results: [], returns: [], deferredUnlocks: [], deferredCalls: [], via: [], depth: 0, nesting: 0, active: new Set(), onceKey: null, invocation: ++this.invocations };
  }
}

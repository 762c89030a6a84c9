/**
 * The mutable state of one abstract walk: scopes and symbols, the locks held,
 * loops entered, and the goroutine the walk is on. Values are abstract object
 * identities (strings, see values.ts); a symbol holds the set of identities
 * assigned to it anywhere in the walk (flow-insensitive for values, which is
 * what closures capturing by reference need anyway).
 */
import type { GoNode } from "../parse/node.js";
import type { FileIR, FuncIR, GoType } from "../ir/types.js";
import type { HeldLock, Site, Thread } from "./facts.js";

export interface Sym {
  id: number;
  name: string;
  type: GoType;
  values: Set<string>;
  decl: GoNode | null;
  /** A boolean parameter every call of this summary passes as this constant (`run(cfg, false)`). */
  known?: boolean;
  /** `ok := mu.TryLock()`: ok says whether this lock was taken (until ok is assigned again). */
  tryLock?: HeldLock;
}

export class Env {
  /** Made on the first declaration: most scopes (blocks, branches) declare nothing. */
  private vars: Map<string, Sym> | null = null;
  constructor(readonly parent: Env | null) {}

  lookup(name: string): Sym | undefined {
    for (let e: Env | null = this; e; e = e.parent) {
      const s = e.vars?.get(name);
      if (s) return s;
    }
    return undefined;
  }

  /** A symbol declared in this scope itself (not an enclosing one). */
  own(name: string): Sym | undefined {
    return this.vars?.get(name);
  }

  set(name: string, sym: Sym): void {
    (this.vars ??= new Map()).set(name, sym);
  }

  /** The symbols declared in this scope itself. */
  ownSymbols(): Iterable<Sym> {
    return this.vars?.values() ?? [];
  }
}

/** A function value: a declared function or method (with its receiver) or a literal with its closure. */
export interface FuncVal {
  key: string;
  decl: FuncIR | null;
  literal: GoNode | null;
  /** Closure environment of a literal. */
  env: Env | null;
  /** File of the literal (for imports). */
  file: FileIR;
  /** Receiver identities of a method value (`s.flush`). */
  recv: ReadonlySet<string> | null;
  /** Display name: `(*Store).flush`, `func literal at a.go:12`. */
  name: string;
}

/** Shared by every state that holds no lock; never written (states copy before writing). */
const EMPTY_HELD = new Map<string, HeldLock>();
const NO_LOCKS: readonly HeldLock[] = Object.freeze([]);
const NO_RELEASED: ReadonlySet<string> = new Set();

/**
 * The locks held at a point of the walk. Copy-on-write: every `if`, `switch`,
 * `select` and loop snapshots the state for each branch and meets them after,
 * and most snapshots are never changed, so clones share one map until either
 * side writes (a map per branch was ~10 % of the analysis' allocations in the
 * runtime package).
 */
export class LockState {
  private map: Map<string, HeldLock> = EMPTY_HELD;
  /** `map` may be seen by another state: copy before writing. */
  private shared = true;
  /** `[...map.values()]`, kept until the next write: every recorded access takes one. */
  private list: readonly HeldLock[] | null = NO_LOCKS;
  /** Locks whose identity we could not determine. */
  unknown = 0;
  /**
   * Locks released here that this state did not hold: in a function's summary
   * (which starts holding nothing), the caller's locks the function releases.
   */
  private releasedEntry: ReadonlySet<string> = NO_RELEASED;

  get size(): number {
    return this.map.size;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  /** The held locks, as a list that must not be changed (it is shared). */
  values(): readonly HeldLock[] {
    return (this.list ??= [...this.map.values()]);
  }

  set(key: string, lock: HeldLock): void {
    this.writable().set(key, lock);
  }

  delete(key: string): void {
    if (this.map.has(key)) this.writable().delete(key);
  }

  /** Releases a lock: held here, it goes; else, when nothing here says which lock, an unknown one; else a caller's. */
  release(key: string): void {
    if (this.map.has(key)) this.writable().delete(key);
    else if (this.unknown > 0) this.unknown--;
    else this.noteReleasedEntry(key);
  }

  /** Releases a lock that is held, or notes a caller's lock released (never an unknown one). */
  releaseKnown(key: string): void {
    if (this.map.has(key)) this.writable().delete(key);
    else this.noteReleasedEntry(key);
  }

  /** The caller's locks released so far (see releasedEntry). */
  released(): ReadonlySet<string> {
    return this.releasedEntry;
  }

  private noteReleasedEntry(key: string): void {
    if (this.releasedEntry.has(key)) return;
    const next = new Set(this.releasedEntry);
    next.add(key);
    this.releasedEntry = next;
  }

  clone(): LockState {
    const c = new LockState();
    c.map = this.map;
    c.list = this.list;
    c.unknown = this.unknown;
    c.releasedEntry = this.releasedEntry;
    this.shared = true;
    return c;
  }

  /**
   * A caller's lock released and taken again on this path (`if cb != nil { mu.Unlock();
   * cb(); mu.Lock() }`), where another path never let it go (`untouched`): the caller's lock
   * held, as on that path; the same state without it among the released nor among the
   * locks taken here.
   */
  private withoutReacquired(untouched: (key: string) => boolean): LockState {
    if (!this.releasedEntry.size || !this.map.size) return this;
    const again = [...this.releasedEntry].filter((k) => this.map.has(k) && untouched(k));
    if (!again.length) return this;
    const c = this.clone();
    for (const k of again) c.delete(k);
    c.releasedEntry = new Set([...this.releasedEntry].filter((k) => !again.includes(k)));
    return c;
  }

  /** Keep only what every path holds. */
  static meet(given: LockState[]): LockState {
    if (given.length === 0) return new LockState();
    const untouched = (k: string) => given.some((s) => !s.map.has(k) && !s.releasedEntry.has(k));
    const states = given.length > 1 ? given.map((s) => s.withoutReacquired(untouched)) : given;
    const out = states[0]!.clone();
    for (const s of states.slice(1)) {
      if (s.map !== out.map) {
        for (const [k, v] of out.map) {
          const o = s.map.get(k);
          if (!o) out.delete(k);
          else if (o.mode !== v.mode) out.set(k, { ...v, mode: "read" });
        }
      }
      out.unknown = Math.min(out.unknown, s.unknown);
      // Released on some path: not known held after.
      for (const k of s.releasedEntry) out.noteReleasedEntry(k);
    }
    return out;
  }

  /** Take over another state's locks (the other state is not used afterwards, or only read). */
  assign(other: LockState): void {
    if (other === this) return;
    this.map = other.map;
    this.list = other.list;
    this.unknown = other.unknown;
    this.releasedEntry = other.releasedEntry;
    this.shared = true;
    other.shared = true;
  }

  private writable(): Map<string, HeldLock> {
    if (this.shared) {
      this.map = new Map(this.map);
      this.shared = false;
    }
    this.list = null;
    return this.map;
  }
}

/** Per-goroutine walk context. */
export interface ThreadCtx {
  thread: Thread;
  seq: number;
  /** Identities each instance of a multi-instance goroutine has for itself. */
  instanceKeys: Set<string>;
  /** The parent's per-iteration identities when this goroutine was started in a loop (index variables that differ per instance). */
  spawnKeys: Set<string>;
  /** sync.Once keys whose Do has returned on this goroutine. */
  passedOnce: Set<string>;
}

/** Per-function-activation context (inlined calls get their own). */
export interface Frame {
  fn: FuncIR | null;
  /** Declared function holding the code being walked (closures report their enclosing declaration). */
  fnName: string;
  file: FileIR;
  results: Sym[];
  returns: Set<string>[];
  deferredUnlocks: string[];
  deferredCalls: Array<() => void>;
  via: Site[];
  depth: number;
  /** Tree levels of the bodies walked on this call chain, this one's included (bounded by MAX_NESTING). */
  nesting: number;
  /** Functions being walked on this call chain (recursion guard). */
  active: Set<string>;
  /** Sync.Once key while walking a Do callback. */
  onceKey: string | null;
  /** Unique per activation: allocations are per call, not per site (two calls of one function make two maps). */
  invocation: number;
}

/** A loop being walked: identities created per iteration, and the seq at which it was entered. */
export interface LoopCtx {
  node: GoNode;
  startSeq: number;
  perIteration: Set<string>;
  /** The activation the loop belongs to (a `return` in an inlined callee doesn't leave it). */
  frame: Frame;
  /** Seqs at which a `break` or `return` leaving this loop was walked. */
  exits: number[];
  /** The locks held at each `break` that leaves this loop (made on the first). */
  breakLocks?: LockState[];
  /**
   * The variables the loop's clause declares, whatever the Go version: one variable for
   * the whole loop before Go 1.22, but a different value in every iteration, so a copy
   * taken in an iteration (an argument) differs from the other iterations'.
   */
  clauseVars?: Set<string>;
}

export interface WalkState {
  frame: Frame;
  thread: ThreadCtx;
  locks: LockState;
  loops: LoopCtx[];
}

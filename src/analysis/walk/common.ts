/**
 * What every part of the walk shares: the limits, the errors that end a walk,
 * the collector all root walks of a package record into, and small helpers
 * over sets of value identities.
 */
import type { GoNode } from "../../parse/node.js";
import type { FileIR } from "../../ir/types.js";
import type { SourceSpan } from "../../report/finding.js";
import type { Access, SyncEvent, Thread } from "../facts.js";
import { fieldOf } from "../values.js";
import { MAX_TREE_DEPTH } from "../../parse/parser.js";

export class BudgetExceeded extends Error {}
export class RootBudgetExceeded extends Error {}

/** How deep calls are inlined from a root (the root's own frame is depth 0). */
export const MAX_DEPTH = 5;
/**
 * How many tree levels the bodies on one inlined call chain may hold together.
 * The walk recurses over statements and expressions, so a chain of inlined
 * bodies is as deep on the JS stack as their heights added up; each file is
 * kept under MAX_TREE_DEPTH by the parser, and a call chain is held to the
 * same bound (a call past it is not followed, as past MAX_DEPTH).
 */
export const MAX_NESTING = MAX_TREE_DEPTH;

const heights = new WeakMap<GoNode, number>();

/** Levels of `node`'s subtree (a leaf is 1), computed without recursion and kept per node. */
export function heightOf(node: GoNode | null | undefined): number {
  if (!node) return 0;
  const known = heights.get(node);
  if (known !== undefined) return known;
  let max = 0;
  const stack: Array<[GoNode, number]> = [[node, 1]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (d > max) max = d;
    for (const c of n.children) stack.push([c, d + 1]);
  }
  heights.set(node, max);
  return max;
}

/** Steps one entry point may take; past it, its walk is dropped whole (partial walks would lose orderings). */
export const ROOT_BUDGET = 40_000;
export const MAX_FUNCVALS = 4;
/** Most identities one variable tracks. */
export const MAX_VALUES = 32;

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
  passedOnce = new Map<number, ReadonlySet<string>>();
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
  /** The caller's locks the function released before each access (a summary's; by access id). */
  released = new Map<number, ReadonlySet<string>>();
  /** The goroutine each allocation and local variable was made on (a summary's; by identity root). */
  createdIn = new Map<string, number>();
  /**
   * Type identities (`recv:T`) the function's own goroutine took for values reached from
   * its parameters or its own objects (a summary's; by identity, the values they were):
   * where the caller's goroutine runs as several instances and such a value is one
   * instance's own, so is what the type identity stands for there.
   */
  typeIdBases = new Map<string, Set<string>>();
  /**
   * Merge repeated accesses (summaries: calls of one helper between two events add
   * nothing for pairing or ordering). See addAccess.
   */
  dedup = false;
  /** Per access signature: where it is in `accesses`, and its goroutine's signal and wait counts then. */
  private recent = new Map<string, { index: number; signals: number; waits: number }>();
  /** Per access signature: how many places it was recorded at. */
  private instances = new Map<string, number>();
  /** Per goroutine: signals (events, goroutine starts) and waits seen so far. */
  private order = new Map<number, { signals: number; waits: number }>();

  private events2 = new Map<string, SyncEvent>();
  private sets = new SetInterner();

  private orderOf(thread: number): { signals: number; waits: number } {
    let o = this.order.get(thread);
    if (!o) this.order.set(thread, (o = { signals: 0, waits: 0 }));
    return o;
  }

  /** Drops what only adding needs (a finished summary's collector is only read from then on). */
  seal(): void {
    this.recent = new Map();
    this.instances = new Map();
    this.order = new Map();
    this.events2 = new Map();
    this.sets = new SetInterner();
  }

  /** A goroutine started by `parent`: for ordering, a signal of the parent's. */
  noteStart(parent: number): void {
    this.orderOf(parent).signals++;
  }

  /**
   * Adds an event. With dedup, a repeat of one on the same goroutine, key and loops is
   * merged into it: a signal moves to the later place (it orders more before it), a wait
   * stays at the earlier one (it orders more after it).
   */
  addEvent(e: SyncEvent): void {
    const o = this.orderOf(e.thread);
    if (e.op === "signal") o.signals++;
    else o.waits++;
    if (!this.dedup) {
      this.events.push(e);
      return;
    }
    const sig = `${e.thread}|${e.key}|${e.op}|${e.loops.map((l) => l.start).join(",")}|${e.scopeEnd !== undefined ? "scoped" : ""}|${e.one ? 1 : 0}`;
    const had = this.events2.get(sig);
    if (!had) {
      this.events2.set(sig, e);
      this.events.push(e);
    } else {
      if (e.op === "signal" && e.seq > had.seq) had.seq = e.seq;
      // One send stands for both: it sends what either did.
      if (e.sent && had.sent !== e.sent) had.sent = had.sent ? new Set([...had.sent, ...e.sent]) : e.sent;
    }
  }

  private replaceAccess(had: { index: number; signals: number; waits: number }, a: Access, o: { signals: number; waits: number }): void {
    a.id = had.index;
    this.accesses[had.index] = a;
    had.signals = o.signals;
    had.waits = o.waits;
  }

  /**
   * Adds an access; false when, with dedup, it is merged into an earlier one of the same
   * signature (place, values, kind, goroutine, lock classes). Merging is exact for
   * pairing and ordering: happens-before from an access runs through signals after it
   * on its goroutine, and into it through waits before it. With no wait in between, the
   * later of the two is ordered before no more than the earlier and after exactly as
   * much, so it stands for both (the earlier one moves to it); with no signal in
   * between, the earlier one stands for both; with both in between, both are kept.
   */
  addAccess(a: Access, onceKey: string | undefined, passedOnce: ReadonlySet<string> | undefined, released: ReadonlySet<string> | undefined): boolean {
    let sig: string | undefined;
    if (this.dedup) {
      const o = this.orderOf(a.thread);
      sig = accessSignature(a, onceKey, this.sets.intern(passedOnce).id, this.sets.intern(released).id);
      const had = this.recent.get(sig);
      if (had && had.waits === o.waits) {
        if (had.signals !== o.signals) this.replaceAccess(had, a, o);
        return false;
      }
      if (had && had.signals === o.signals) return false;
      const n = (this.instances.get(sig) ?? 0) + 1;
      this.instances.set(sig, n);
      // Past a few places of one access between signals and waits, the latest one stands
      // for the later ones: the first is the one least ordered after others, the latest
      // the one least ordered before them; only an access both a signal before and a wait
      // after would order is lost (a hand-off back and forth), and nothing is reported
      // that is not there.
      if (had && n > MAX_ACCESS_INSTANCES) {
        this.replaceAccess(had, a, o);
        return false;
      }
      this.recent.set(sig, { index: this.accesses.length, signals: o.signals, waits: o.waits });
    }
    a.id = this.accesses.length;
    this.accesses.push(a);
    if (onceKey !== undefined) this.onceInit.set(a.id, onceKey);
    if (passedOnce?.size) this.passedOnce.set(a.id, this.sets.intern(passedOnce).set);
    if (released?.size) this.released.set(a.id, this.sets.intern(released).set);
    return true;
  }
}

/** Places one access is recorded at, between signals and waits, before the latest replaces the last (addAccess). */
const MAX_ACCESS_INSTANCES = 4;

/**
 * One copy of each distinct set of strings, with a number for it: the Once calls passed
 * and the caller's locks released before an access repeat from access to access, and a
 * copy each made them most of a summary's memory.
 */
class SetInterner {
  private byContent = new Map<string, { id: number; set: ReadonlySet<string> }>();
  private static readonly EMPTY = { id: 0, set: new Set<string>() as ReadonlySet<string> };
  private last: { from: ReadonlySet<string>; size: number; entry: { id: number; set: ReadonlySet<string> } } | null = null;

  intern(s: ReadonlySet<string> | undefined): { id: number; set: ReadonlySet<string> } {
    if (!s?.size) return SetInterner.EMPTY;
    // The same set object is passed for many accesses in a row (sets only grow, so its size tells a change).
    if (this.last && this.last.from === s && this.last.size === s.size) return this.last.entry;
    const content = [...s].sort().join("\u0000");
    let entry = this.byContent.get(content);
    if (!entry) this.byContent.set(content, (entry = { id: this.byContent.size + 1, set: new Set(s) }));
    this.last = { from: s, size: s.size, entry };
    return entry;
  }
}

function accessSignature(a: Access, onceKey: string | undefined, passedOnce: number, released: number): string {
  // Under a lock the analysis could not identify an access never pairs: which other locks,
  // releases and Once it is under tell nothing, and one record stands for them all.
  if (a.unknownLock) return `${a.span.file}:${a.node.start}:${a.key}:${a.kind}:${a.thread}:?`;
  // Locks by class (what pairing compares first) and no loops: the first of several such
  // accesses stands for them all.
  const locks = a.locks.map((l) => `${l.cls ?? l.key}/${l.mode}`).sort().join(",");
  // Another start of its goroutine (Access.lineage) is ordered after other things: another access.
  const lineage = a.lineage?.map((l) => `${l.thread}<${l.parent}@${l.spawnSeq}/${l.startSeq}`).join(",") ?? "";
  return `${a.span.file}:${a.node.start}:${a.key}:${a.kind}:${a.thread}:${locks}:${a.unknownLock ? 1 : 0}:${a.perInstanceIndex ? 1 : 0}:${onceKey ?? ""}:${passedOnce}:${released}:${lineage}`;
}

/** The empty result most expressions evaluate to; shared, so it is typed read-only. */
export const NO_VALUES: ReadonlySet<string> = new Set<string>();

export function addHops(vals: ReadonlySet<string>, hops: string[]): ReadonlySet<string> {
  if (!hops.length) return vals;
  const path = hops.join(".");
  return mapAll(vals, (v) => fieldOf(v, path));
}

/** The values `step` derives from each of `vals` (those past the path limit dropped). */
export function mapAll(vals: ReadonlySet<string>, step: (v: string) => string | null): Set<string> {
  const out = new Set<string>();
  for (const v of vals) {
    const k = step(v);
    if (k) out.add(k);
  }
  return out;
}

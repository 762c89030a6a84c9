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

export class BudgetExceeded extends Error {}
export class RootBudgetExceeded extends Error {}

/** How deep calls are inlined from a root (the root's own frame is depth 0). */
export const MAX_DEPTH = 5;
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
  /** The caller's locks the function released before each access (a summary's; by access id). */
  released = new Map<number, ReadonlySet<string>>();
  /** The goroutine each allocation and local variable was made on (a summary's; by identity root). */
  createdIn = new Map<string, number>();
  /**
   * Record an access once between two events or goroutine starts (summaries:
   * calls of one helper in between add nothing for pairing or ordering).
   */
  dedup = false;
  private recent = new Map<string, number>();

  private events2 = new Map<string, SyncEvent>();
  /** Counts events recorded or merged: accesses on either side of one are not merged. */
  private eventCount = 0;

  /**
   * Adds an event. With dedup, a repeat of one on the same goroutine, key and loops is
   * merged into it: a signal moves to the later place (it orders more before it), a wait
   * stays at the earlier one (it orders more after it).
   */
  addEvent(e: SyncEvent): void {
    this.eventCount++;
    if (!this.dedup) {
      this.events.push(e);
      return;
    }
    const sig = `${e.thread}|${e.key}|${e.op}|${e.loops.map((l) => l.start).join(",")}`;
    const had = this.events2.get(sig);
    if (!had) {
      this.events2.set(sig, e);
      this.events.push(e);
    } else if (e.op === "signal" && e.seq > had.seq) had.seq = e.seq;
  }

  /** Adds an access (false when it repeats one since the last event or goroutine start). */
  addAccess(a: Access, onceKey: string | undefined, passedOnce: ReadonlySet<string> | undefined, released: ReadonlySet<string> | undefined): boolean {
    if (this.dedup) {
      const epoch = this.eventCount + this.threads.length;
      const sig = accessSignature(a, onceKey, passedOnce, released);
      if (this.recent.get(sig) === epoch) return false;
      this.recent.set(sig, epoch);
    }
    a.id = this.accesses.length;
    this.accesses.push(a);
    if (onceKey !== undefined) this.onceInit.set(a.id, onceKey);
    if (passedOnce?.size) this.passedOnce.set(a.id, new Set(passedOnce));
    if (released?.size) this.released.set(a.id, released);
    return true;
  }
}

function accessSignature(a: Access, onceKey: string | undefined, passedOnce: ReadonlySet<string> | undefined, released: ReadonlySet<string> | undefined): string {
  // Locks by class (what pairing compares first) and no loops: the first of several such
  // accesses stands for them all.
  const locks = a.locks.map((l) => `${l.cls ?? l.key}/${l.mode}`).sort().join(",");
  return `${a.span.file}:${a.node.start}:${a.key}:${a.kind}:${a.thread}:${locks}:${a.unknownLock ? 1 : 0}:${a.perInstanceIndex ? 1 : 0}:${onceKey ?? ""}:${[...(passedOnce ?? [])].sort().join(",")}:${[...(released ?? [])].sort().join(",")}`;
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

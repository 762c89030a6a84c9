/**
 * From recorded accesses to conflicting pairs: two accesses to one object, at
 * least one a write, on different goroutines (or two instances of one), with
 * no common lock and no happens-before order between them.
 *
 * Happens-before is built from what the walk recorded: program order within a
 * goroutine, the fork edge (everything before a `go` statement), and
 * signal→wait edges (WaitGroup Done→Wait, channel send/close→receive,
 * errgroup-style Go→Wait), plus sync.Once (the Do callback happens before
 * anything after a Do on the same Once).
 */
import type { Access, ConflictPair, StartLink, SyncEvent, Thread } from "./facts.js";
import { sliceEffects, WRITE_KINDS } from "./facts.js";
import type { Collector } from "./walk/common.js";
import type { GoNode } from "../parse/node.js";
import { within } from "../ir/syntax.js";
import { allocRoot, isAllocValue, isAtOrBelow, isGlobalValue, isNamedShared, isRecvValue, recvValue, splitValue, throughElement } from "./values.js";

/**
 * Beyond this many accesses per object, the rest are not paired (keeps the
 * pass linear in practice). Their pairs are missing, so the result is then
 * partial (`truncated`), which the engine reports as an analysis-budget note.
 */
const MAX_ACCESSES_PER_OBJECT = 400;
/** Goroutines a happens-before chain may pass through after the first wait, and the places it may visit (HappensBefore.signalledBefore). */
const CHAIN_HOPS = 2;
const CHAIN_STATES = 32;

export function computeEscapes(col: Collector): void {
  // One pass over the events: each goroutine's signal keys, and per (key, waiter) the
  // latest wait (a package can hold tens of thousands of goroutines and events).
  const signalKeys = new Map<number, Set<string>>();
  const lastWait = new Map<string, number>();
  for (const e of col.events) {
    if (e.op === "signal") {
      let keys = signalKeys.get(e.thread);
      if (!keys) signalKeys.set(e.thread, (keys = new Set()));
      keys.add(e.key);
    } else {
      const k = `${e.thread}\u0000${e.key}`;
      lastWait.set(k, Math.max(lastWait.get(k) ?? -Infinity, e.seq));
    }
  }
  for (const t of col.threads) {
    // Parallel subtests are joined by the testing package before the parent test returns.
    if (t.parent === null || t.kind === "subtest") continue;
    t.escapes = !isJoinedBy(signalKeys.get(t.id), lastWait, t, t.parent);
  }
}

/** Does the parent wait, after starting t, on something t signals? */
function isJoinedBy(signals: Set<string> | undefined, lastWait: Map<string, number>, t: Thread, parent: number): boolean {
  for (const key of signals ?? []) if ((lastWait.get(`${parent}\u0000${key}`) ?? -Infinity) > t.spawnSeq) return true;
  return false;
}

export class HappensBefore {
  private threads: Thread[];
  /** Waits by key. */
  private waitsOf = new Map<string, SyncEvent[]>();
  /** Each goroutine's signals, in program order (a query looks only at those after its access). */
  private signalsOf = new Map<number, SyncEvent[]>();
  /** Receives of one message, by goroutine; sends of one, by channel. */
  private receivesOn = new Map<number, SyncEvent[]>();
  private sendsOn = new Map<string, SyncEvent[]>();

  constructor(private col: Collector) {
    this.threads = col.threads;
    for (const e of col.events) {
      if (e.op === "signal") listIn(this.signalsOf, e.thread).push(e);
      else listIn(this.waitsOf, e.key).push(e);
      if (e.one && e.op === "wait") listIn(this.receivesOn, e.thread).push(e);
      if (e.one && e.op === "signal") listIn(this.sendsOn, e.key).push(e);
    }
    for (const list of this.signalsOf.values()) list.sort((x, y) => x.seq - y.seq);
  }

  /**
   * Position of thread `t`'s activity as seen from ancestor `anc`: the seq of the spawn on
   * anc's timeline, or null if not a descendant. `lineage` is the access's own way up
   * where it differs from the threads' (Access.lineage).
   */
  private projection(t: number, seq: number, anc: number, key?: string, lineage?: readonly StartLink[]): number | null {
    let cur = t;
    let s = seq;
    for (let hops = 0; hops <= this.threads.length; hops++) {
      if (cur === anc) return s;
      const th = this.threads[cur]!;
      const link = lineage?.find((l) => l.thread === cur);
      const parent = link ? link.parent : th.parent;
      if (parent === null) return null;
      // Activity in a child is after its spawn point on the parent's timeline. A goroutine
      // started in a loop is after the loop's start, unless the object is new in each
      // iteration (or one of many elements): then only this iteration's accesses matter.
      const perIteration = key !== undefined && (throughElement(key) || hasPrefixIn(this.col.spawnKeys.get(th.id), key));
      s = (perIteration ? (link ?? th).startSeq : (link ?? th).spawnSeq) + 0.5;
      cur = parent;
    }
    return null;
  }

  /**
   * Is what `a` touches a message its goroutine received, one object per message? After a
   * receive (in the same loops), of an object some send carries that its sender makes anew
   * for each send: in the loop around the send, or per instance of a sender of several.
   * Two instances of the receiver then hold two messages (a hand-off, not a share).
   */
  handedOver(a: Access): boolean {
    const root = splitValue(a.key).root;
    for (const w of this.receivesOn.get(a.thread) ?? []) {
      if (w.seq >= a.seq || !w.loops.every((l) => a.loops.includes(l))) continue;
      for (const s of this.sendsOn.get(w.key) ?? []) {
        if (!s.sent?.has(root)) continue;
        const loops = allocLoopsOf(this.col, root);
        const made = this.col.origins.get(root)?.node;
        const inSendLoop = s.loops.some((l) => loops?.has(l) || (!!made && within(made, l)));
        const perSend = inSendLoop || (this.threads[s.thread]!.multi && hasPrefixIn(this.col.instanceKeys.get(s.thread), root));
        if (perSend) return true;
      }
    }
    return false;
  }

  private sharesLoop(loops: readonly GoNode[], key: string, s: SyncEvent): boolean {
    const fresh = allocLoopsOf(this.col, key);
    return loops.some((l) => s.loops.includes(l) && !fresh?.has(l));
  }

  /**
   * Does goroutine t run as several instances for one instance of `waiter`? For a
   * descendant, when a goroutine on the way up is several per parent; otherwise when it
   * is several at all.
   */
  private severalFor(t: number, waiter: number, descendant: boolean): boolean {
    if (!descendant) return this.threads[t]!.multi;
    for (let cur = t, hops = 0; cur !== waiter && hops <= this.threads.length; hops++) {
      const th = this.threads[cur]!;
      if (th.severalPerParent) return true;
      if (th.parent === null) return false;
      cur = th.parent;
    }
    return false;
  }

  private isAncestorOrSelf(anc: number, t: number): boolean {
    return this.projection(t, 0, anc) !== null;
  }

  /** a happens before b. */
  before(a: Access, b: Access): boolean {
    if (a.thread !== b.thread || !this.threads[a.thread]!.multi) {
      // Fork (and program order when a's thread is an ancestor of b's).
      const p = this.projection(b.thread, b.seq, a.thread, a.key, b.lineage);
      if (p !== null && a.seq < p && !(a.thread === b.thread && this.threads[a.thread]!.multi)) return true;
    }
    // A parallel subtest runs after its parent's body.
    const bt = this.threads[b.thread]!;
    if (bt.afterParent && bt.parent !== null && this.isAncestorOrSelf(a.thread, bt.parent) && !this.isAncestorOrSelf(b.thread, a.thread)) return true;
    if (onceOrdered(this.col, a, b)) return true;
    return this.signalledBefore({ thread: a.thread, seq: a.seq, loops: a.loops }, a.key, b, CHAIN_HOPS, new Set());
  }

  /**
   * Signal → wait edges: `from`'s goroutine signals after it, another waits on it before b;
   * or, up to `hops` times, the waiter goes on to signal one that waits before b (a chain:
   * `errg.Go(f)` where f waits for its own group, then `errg.Wait()`; a goroutine that
   * receives a result and passes it on).
   */
  private signalledBefore(from: { thread: number; seq: number; loops: readonly GoNode[] }, key: string, b: Access, hops: number, seen: Set<string>): boolean {
    const signals = this.signalsOf.get(from.thread) ?? [];
    for (let i = firstAfter(signals, from.seq); i < signals.length; i++) {
      const s = signals[i]!;
      // In a loop around both the access and the signal, the access of the next
      // iteration comes after this signal: no order, unless the object is new each iteration.
      if (this.sharesLoop(from.loops, key, s)) continue;
      for (const w of this.waitsOf.get(s.key) ?? []) {
        if (w.thread === s.thread) continue;
        // The signalling goroutine must have been started before the wait when it is a descendant of the waiter.
        const sp = this.projection(s.thread, 0, w.thread);
        if (sp !== null && s.thread !== w.thread && sp > w.seq) continue;
        // A receive takes one message: of several senders at once it orders one, unless a
        // loop repeats it and b comes after that loop (`for range workers { <-done }`).
        // What b touches may be the message itself: its receive follows its send (a hand-off).
        const oneOfSeveral = !!(s.one && w.one) && this.severalFor(s.thread, w.thread, sp !== null) && !s.sent?.has(splitValue(key).root);
        const after = oneOfSeveral ? w.loopEnd : w.seq;
        if (after === undefined) continue;
        const p = this.projection(b.thread, b.seq, w.thread, undefined, b.lineage);
        if (p !== null && p > after) {
          // A select case's receive orders only that case's body (SyncEvent.scopeEnd).
          if (w.scopeEnd === undefined || p <= w.scopeEnd) return true;
          continue;
        }
        if (hops === 0 || w.scopeEnd !== undefined) continue;
        const at = `${w.thread}:${after}`;
        if (seen.has(at) || seen.size >= CHAIN_STATES) continue;
        seen.add(at);
        if (this.signalledBefore({ thread: w.thread, seq: after, loops: w.loops }, key, b, hops - 1, seen)) return true;
      }
    }
    return false;
  }
}

function listIn<K>(m: Map<K, SyncEvent[]>, k: K): SyncEvent[] {
  let list = m.get(k);
  if (!list) m.set(k, (list = []));
  return list;
}

/** The index of the first event after `seq` in a list sorted by seq. */
function firstAfter(events: readonly SyncEvent[], seq: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.seq > seq) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** sync.Once: the Do callback runs once, before anything that follows a Do on the same Once. */
function onceOrdered(col: Collector, a: Access, b: Access): boolean {
  const once = col.onceInit.get(a.id);
  return !!once && (col.passedOnce.get(b.id)?.has(once) || col.onceInit.get(b.id) === once);
}

function hasPrefixIn(keys: Set<string> | undefined, key: string): boolean {
  if (!keys || !keys.size) return false;
  if (keys.has(key)) return true;
  for (const k of keys) if (isAtOrBelow(key, k)) return true;
  return false;
}

function isPerInstance(col: Collector, a: Access): boolean {
  // What a goroutine makes itself, each instance of it makes for itself.
  return hasPrefixIn(col.instanceKeys.get(a.thread), a.key) || col.createdIn.get(splitValue(a.key).root) === a.thread;
}

function sameSpawnSite(col: Collector, a: Access, b: Access): boolean {
  const sa = col.threads[a.thread]!.site;
  const sb = col.threads[b.thread]!.site;
  return !!sa && !!sb && sa.span.file === sb.span.file && sa.span.line === sb.span.line && sa.span.column === sb.span.column;
}

function allocLoopsOf(col: Collector, key: string): Set<import("../parse/node.js").GoNode> | undefined {
  const root = allocRoot(key);
  return root ? col.allocLoops.get(root) : undefined;
}

/** A lock class through the pointer-to-mutex fields that alias another (WalkCore.lockAliases). */
export type LockClassOf = (cls: string | null) => string | null;

export function lockClassResolver(aliases: ReadonlyMap<string, string | null>): LockClassOf {
  return (cls) => {
    // A chain of pointers (`a.mu = &b.mu`, `b.mu = &c.mu`) ends at the mutex; a cycle ends anywhere.
    for (let hops = 0; cls !== null && hops < 8; hops++) {
      const next = aliases.get(cls);
      if (next === undefined || next === null) return cls;
      cls = next;
    }
    return cls;
  };
}

const NO_ALIASES: LockClassOf = (cls) => cls;

function commonLock(a: Access, b: Access, classOf: LockClassOf): boolean {
  for (const la of a.locks) {
    const ca = classOf(la.cls);
    const lb = b.locks.find((l) => l.key === la.key || (ca !== null && classOf(l.cls) === ca));
    if (lb && (la.mode === "write" || lb.mode === "write")) return true;
  }
  return false;
}

function slicesConflict(a: Access, b: Access): boolean {
  const x = sliceEffects(a.kind, a.viaCopy);
  const y = sliceEffects(b.kind, b.viaCopy);
  // An append writes past the length it saw: not into what a copy of an older header
  // reaches, only where another append writes too (both in the spare capacity).
  if ((a.kind === "append" && b.viaCopy && b.kind !== "append") || (b.kind === "append" && a.viaCopy && a.kind !== "append")) return false;
  return (x.writesHeader && (y.readsHeader || y.writesHeader)) || (y.writesHeader && x.readsHeader) || (x.writesElems && (y.readsElems || y.writesElems)) || (y.writesElems && x.readsElems);
}

/** The type identity of an entry point's receiver (`(*Store).StampAll` → `recv:Store`), or null. */
function entryReceiver(root: string): string | null {
  const m = /^\(\*?([A-Za-z_][A-Za-z0-9_]*)\)\./.exec(root);
  return m ? recvValue(m[1]!) : null;
}

function isWrite(a: Access): boolean {
  return WRITE_KINDS.has(a.kind);
}

function describe(t: Thread): string {
  return t.multi ? `${t.label} (several may run at once)` : t.label;
}

/** Can a and b run at the same time? Returns the reason, or null. */
export function conflictReason(col: Collector, hb: HappensBefore, a: Access, b: Access, cross: boolean, classOf: LockClassOf = NO_ALIASES): string | null {
  if (!isWrite(a) && !isWrite(b)) return null;
  if (col.objects.get(a.key)?.kind === "slice" && !slicesConflict(a, b)) return null;
  if (a.unknownLock || b.unknownLock) return null;
  if (commonLock(a, b, classOf)) return null;
  const sliceOps = (x: Access) => x.kind === "elem-write" || x.kind === "elem-read";
  if (sliceOps(a) && sliceOps(b) && a.perInstanceIndex && b.perInstanceIndex) return null;
  const ta = col.threads[a.thread]!;
  const tb = col.threads[b.thread]!;
  if (onceOrdered(col, a, b) || onceOrdered(col, b, a)) return null;
  if (cross) return `${describe(ta)} keeps running after ${ta.root} returns, while ${tb.kind === "entry" ? `a caller of ${tb.root}` : describe(tb)} accesses it too`;
  if (onceOrdered(col, a, b) || onceOrdered(col, b, a)) return null;
  if (a.thread === b.thread) {
    if (!ta.multi) return null;
    if (isPerInstance(col, a) || isPerInstance(col, b)) return null;
    if (hb.handedOver(a) && hb.handedOver(b)) return null;
    // A slice known only by its type (`recv:T.f`: any T's, reached through other objects) is
    // not known to be one slice for two instances of a goroutine: each works on buffers of
    // its own far more often than on a shared one (the corpus: 66 of 68 such pairs).
    // Unknown: silent. The entry's own receiver is one value for all the goroutines its call
    // starts (`func (s *Store) StampAll() { for ... { go ... s.blobs[k] ... } }`).
    const root = splitValue(a.key).root;
    if (col.objects.get(a.key)?.kind === "slice" && isRecvValue(root) && root !== entryReceiver(ta.root)) return null;
    if (a.node === b.node && !isWrite(a)) return null;
    return `${describe(ta)}: two instances access it at once`;
  }
  if (hb.before(a, b) || hb.before(b, a)) return null;
  return `${describe(ta)} and ${describe(tb)} are not ordered`;
}

export function computePairs(col: Collector, canonical: (key: string) => string, clientRoots: Set<string>, classOf: LockClassOf = NO_ALIASES): { pairs: ConflictPair[]; truncated: boolean } {
  let truncated = false;
  computeEscapes(col);
  const hb = new HappensBefore(col);
  const pairs: ConflictPair[] = [];
  const seen = new Set<string>();
  const add = (a: Access, b: Access, reason: string, crossRoot: boolean) => {
    const sa = `${a.span.file}:${a.node.start}:${a.kind}`;
    const sb = `${b.span.file}:${b.node.start}:${b.kind}`;
    const [x, y] = sa <= sb ? [a, b] : [b, a];
    const sig = sa <= sb ? `${sa}|${sb}` : `${sb}|${sa}`;
    if (seen.has(sig)) return;
    seen.add(sig);
    pairs.push({ object: -1, a: x.id, b: y.id, reason, crossRoot });
  };

  // Within one root walk: same raw identity.
  const byRaw = new Map<string, Access[]>();
  for (const a of col.accesses) {
    const k = `${col.threads[a.thread]!.rootWalk}\u0000${a.key}`;
    let list = byRaw.get(k);
    if (!list) byRaw.set(k, (list = []));
    if (list.length < MAX_ACCESSES_PER_OBJECT) list.push(a);
    else truncated = true;
  }
  for (const list of byRaw.values()) {
    if (new Set(list.map((a) => a.thread)).size < 2 && !list.some((a) => col.threads[a.thread]!.multi)) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (i === j && !(isWrite(a) && col.threads[a.thread]!.multi)) continue;
        const reason = conflictReason(col, hb, a, b, false, classOf);
        if (reason) add(a, b, reason, false);
      }
    }
  }

  // Across roots: a goroutine that outlives its root vs. client calls and other such goroutines,
  // on identities every root shares (receiver fields, package variables).
  const byCanon = new Map<string, { escaped: Access[]; client: Access[] }>();
  for (const a of col.accesses) {
    const c = canonical(a.key);
    if (!isNamedShared(c)) continue;
    const t = col.threads[a.thread]!;
    const escaped = t.escapes || (t.kind === "handler" && t.parent !== null);
    const client = t.parent === null && clientRoots.has(t.root) && !isAllocValue(a.key);
    if (!escaped && !client) continue;
    let g = byCanon.get(c);
    if (!g) byCanon.set(c, (g = { escaped: [], client: [] }));
    for (const [side, list] of [[escaped, g.escaped], [client, g.client]] as const) {
      if (!side) continue;
      if (list.length < MAX_ACCESSES_PER_OBJECT) list.push(a);
      else truncated = true;
    }
  }
  for (const [canon, g] of byCanon) {
    if (!g.escaped.length) continue;
    // Two goroutines from different entry points meet for sure only on a package variable;
    // on a receiver field they may well be working on two different values.
    const partners = isGlobalValue(canon) ? [...g.client, ...g.escaped] : g.client;
    for (const a of g.escaped) {
      for (const b of partners) {
        if (col.threads[a.thread]!.rootWalk === col.threads[b.thread]!.rootWalk) continue;
        // The same go statement reached from two entry points is one goroutine, not two.
        if (sameSpawnSite(col, a, b)) continue;
        const reason = conflictReason(col, hb, a, b, true, classOf);
        if (reason) add(a, b, reason, true);
      }
    }
  }
  return { pairs, truncated };
}

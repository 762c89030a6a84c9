/**
 * One replay of a function's summary at one call (see summaries.ts): the callee's values
 * in the caller's terms (arguments for parameters, fresh identities for its allocations
 * and locals), its goroutines started under the caller's, its accesses and events
 * recorded with the caller's locks, loops and program order, and the calls of function
 * values it was given made once the caller says which.
 */
import type { GoNode } from "../../parse/node.js";
import { spanOf } from "../../ir/syntax.js";
import type { Access, HeldLock, Site, StartLink, SyncEvent } from "../facts.js";
import { LockState, type Frame, type ThreadCtx, type WalkState } from "../state.js";
import { kindOf, parseFuncValue, splitValue, symValue, withPath } from "../values.js";
import { NO_VALUES, type Collector } from "./common.js";
import { isPerInstanceOn } from "./core.js";
import type { Summary, SummaryWalker } from "./summaries.js";

/** One replay of a summary at one call: the substitution of its values and the goroutines it maps to. */
export class Replay {
  private readonly col: Collector;
  private readonly base: number;
  /** Summary root → the caller's values (parameters) or a fresh one (allocations, locals). */
  private readonly roots = new Map<string, readonly string[]>();
  /** Summary goroutine → the caller's (0 is the caller's own). */
  private readonly threadMap = new Map<number, ThreadCtx>();
  /**
   * Summary goroutine → how this call really started the caller's goroutine it maps to and
   * those above it, where another start stands for them (Access.lineage); none for most.
   */
  private readonly lineageOf = new Map<number, readonly StartLink[]>();
  /** Per lineage of the callee's and goroutine: the caller's lineage (shared by many accesses). */
  private lineageCache = new Map<readonly StartLink[] | undefined, Map<number, readonly StartLink[] | undefined>>();
  private readonly prefix: Site[];
  private readonly callerLoopNodes: GoNode[];
  /** Identities made for this call on the caller's goroutine (the objects this call made before its goroutines). */
  private readonly minted: string[] = [];
  /** The loops around the call as a set, shared by the allocations made in none of the callee's own. */
  private callerLoopSet: Set<GoNode> | null = null;
  /** The entry point's own summary: every access is replayed (its facts show them all). */
  private readonly atEntry: boolean;
  /** Per list of the callee's: the same list with the caller's prefix (lists are shared by many accesses). */
  private viaCache = new Map<readonly Site[], Site[]>();
  private loopsCache = new Map<readonly GoNode[], GoNode[]>();
  private locksCache = new Map<readonly HeldLock[], Map<ReadonlySet<string> | undefined, readonly HeldLock[]>>();
  private otherLocksCache = new Map<readonly HeldLock[], Map<ReadonlySet<string> | undefined, readonly HeldLock[]>>();

  constructor(
    private readonly w: SummaryWalker,
    private readonly s: Summary,
    private readonly recv: ReadonlySet<string> | null,
    private readonly args: ReadonlySet<string>[],
    private readonly st: WalkState,
    site: Site | null,
  ) {
    this.col = w.collector();
    this.base = st.thread.seq;
    this.threadMap.set(0, st.thread);
    this.prefix = site ? [...st.frame.via, site] : st.frame.via;
    this.callerLoopNodes = st.loops.map((l) => l.node);
    this.atEntry = st.frame.depth === 0 && st.thread.thread.parent === null;
  }

  /** The caller's values for a summary value (none when it has none, or past the path limit). */
  values(v: string): readonly string[] {
    const { root, path } = splitValue(v);
    const bases = this.rootValues(root);
    if (path === "") return bases;
    const out: string[] = [];
    for (const b of bases) {
      const x = withPath(b, path);
      if (x !== null) out.push(x);
    }
    return out;
  }

  valuesOf(set: ReadonlySet<string>): ReadonlySet<string> {
    if (!set.size) return NO_VALUES;
    const out = new Set<string>();
    for (const v of set) for (const x of this.values(v)) out.add(x);
    return out;
  }

  private rootValues(root: string): readonly string[] {
    let got = this.roots.get(root);
    if (got) return got;
    switch (kindOf(root)) {
      case "param":
        got = this.paramValues(root);
        break;
      case "alloc":
        got = [this.fresh(root, () => `${root.slice(0, root.lastIndexOf("@"))}@${this.w.freshInvocation()}`)];
        break;
      case "sym":
        got = [this.fresh(root, () => symValue(this.w.freshSym()))];
        break;
      case "fn": {
        const f = parseFuncValue(root);
        if (!f || !f.receivers.length) got = [root];
        else {
          const recvs = new Set<string>();
          for (const r of f.receivers) for (const x of this.values(r)) recvs.add(x);
          const fv = this.w.functionValue(f.declKey, recvs);
          got = fv ? [fv] : [];
        }
        break;
      }
      default:
        got = [root];
    }
    this.roots.set(root, got);
    return got;
  }

  private paramValues(root: string): readonly string[] {
    const which = root.slice("param:".length);
    let vals: string[];
    if (which === "recv") vals = [...(this.recv ?? [])];
    else {
      const i = Number(which);
      vals = this.s.variadic !== null && i >= this.s.variadic ? this.args.slice(i).flatMap((a) => [...a]) : [...(this.args[i] ?? [])];
    }
    if (vals.length) return vals;
    // A parameter bound to nothing (an entry point's own) is a variable of its own. At a
    // call whose argument the walk could not follow, it is the call's own: what one
    // instance of the caller's goroutine passed is not known to be another's (unknown
    // stays silent), so it is made on the caller's goroutine, per instance.
    const own = symValue(this.w.freshSym());
    const decl = this.s.params.get(root);
    if (decl) this.col.origins.set(own, decl);
    if (!this.atEntry) {
      this.col.createdIn.set(own, this.st.thread.thread.id);
      if (this.st.thread.thread.multi) this.w.addInstanceKey(this.st.thread, own);
    }
    return [own];
  }

  /** A fresh identity for a summary's allocation or local, made where the caller is. */
  private fresh(root: string, make: () => string): string {
    const origin = this.s.col.origins.get(root);
    const createdIn = this.s.col.createdIn.get(root) ?? 0;
    const onCaller = createdIn === 0;
    const on = this.threadMap.get(createdIn);
    // Past a few objects made at one place on one goroutine, the last stands for the rest
    // (a constructor reached by thousands of call paths would be thousands of objects).
    const site = origin ? `${origin.file.file.relPath}:${origin.node.start}|${on?.thread.id ?? "?"}` : null;
    const key = (site && this.w.freshAt(site, make)) || make();
    if (origin) this.col.origins.set(key, origin);
    if (on) this.col.createdIn.set(key, on.thread.id);
    // What no caller reaches needs no loops or instances: only its identity (an event's key).
    if (!this.atEntry && !this.s.seen.has(root)) return key;
    const loops = this.s.col.allocLoops.get(root);
    const outer = onCaller ? this.callerLoopNodes : [];
    if (loops || outer.length) {
      const had = this.col.allocLoops.get(key);
      const now = loops ? new Set([...outer, ...loops]) : (this.callerLoopSet ??= new Set(outer));
      this.col.allocLoops.set(key, had && had !== now ? new Set([...had, ...now]) : now);
    }
    if (onCaller) {
      this.minted.push(key);
      for (const l of this.st.loops) l.perIteration.add(key);
      if (this.st.thread.thread.multi) this.w.addInstanceKey(this.st.thread, key);
    }
    const pub = this.s.col.published.get(root);
    // A constructor's own value becomes its type's identity only when it is the entry point itself.
    if (pub && onCaller && this.st.frame.depth === 0 && this.st.thread.thread.parent === null) this.col.published.set(key, pub);
    return key;
  }

  /**
   * The objects this call made are its goroutines' own: a goroutine the callee starts is
   * one of several when it is started again (another call, a loop), and each start has
   * the objects of its call (`db := &DB{...}; go db.run()` per Open). Not for a goroutine
   * the call itself starts several of (in a loop): its instances share the call's objects.
   */
  ownObjects(): void {
    if (!this.minted.length) return;
    for (const [t, ctx] of this.threadMap) {
      if (t === 0 || this.s.col.threads[t]!.multi) continue;
      for (const k of this.minted) this.w.addInstanceKey(ctx, k);
    }
  }

  /**
   * The type identities the callee took for values it was given or made (typeIdBases) are
   * per instance on a caller's goroutine of several instances where those values are
   * (`t.Run(..., func(t) { c := NewConfig(); c.Bind() })` with Bind ranging over
   * `c.Routes`: each subtest's routes are its own). In a summary, the question passes on
   * to the caller's callers.
   */
  ownTypeIdentities(): void {
    const ctx = this.st.thread;
    for (const [typeId, bases] of this.s.col.typeIdBases) {
      for (const base of bases) {
        for (const v of this.values(base)) {
          if (ctx.thread.multi && isPerInstanceOn(ctx.instanceKeys, v)) this.w.addInstanceKey(ctx, typeId);
          else if (ctx.thread.id === 0 && this.w.inSummary()) this.w.noteTypeIdBase(typeId, v);
        }
      }
    }
  }

  /** The summary's goroutines, started under the caller's. */
  threads(): void {
    const callerThread = this.st.thread.thread;
    const inLoop = this.st.loops.length > 0;
    const fresh: Array<[number, ThreadCtx, boolean]> = [];
    for (const t of this.s.col.threads) {
      if (t.parent === null) continue;
      const parent = this.threadMap.get(t.parent)!;
      const fromCaller = t.parent === 0;
      const instanceKeys = new Set<string>();
      let spawnSeq = t.spawnSeq;
      let startSeq = t.startSeq;
      let multi = t.multi || parent.thread.multi;
      let multiFromLoop = t.multiFromLoop;
      let severalPerParent = t.severalPerParent;
      if (fromCaller) {
        // Joined before the call returns: one call's goroutines at a time, whatever loop is around the call.
        const aroundCall = inLoop && !this.s.joined.has(t.id);
        spawnSeq = aroundCall ? this.st.loops[0]!.startSeq : this.base + t.spawnSeq;
        startSeq = this.base + t.startSeq;
        multi = t.multi || aroundCall || callerThread.multi;
        multiFromLoop = t.multiFromLoop || (aroundCall && !t.multi && !callerThread.multi);
        severalPerParent = t.severalPerParent || aroundCall;
        if (aroundCall) for (const k of this.st.loops[this.st.loops.length - 1]!.perIteration) instanceKeys.add(k);
      }
      if (parent.thread.multi) for (const k of parent.instanceKeys) instanceKeys.add(k);
      // The same goroutine started again by the same goroutine (the helper that starts it called
      // twice): one goroutine of several instances, started where the first was.
      // What the goroutine runs that the caller names (`go f()` in a helper given `f`) is part of it.
      const runs = t.runs ?? this.s.pending.filter((p) => p.thread === t.id).flatMap((p) => this.values(p.fn)).sort().join(",");
      // Within one entry's walk only: another entry's goroutines are another run of the program.
      const site = `${callerThread.rootWalk}|${t.site?.span.file}:${t.site?.node.start}|${t.kind}|${t.label}|${runs}`;
      const spawn = `${parent.thread.id}|${site}`;
      // A goroutine of several instances started from one site by other goroutines too: one
      // goroutine, of all their instances. Without it, a go statement in a helper many
      // goroutines reach is a goroutine per caller's goroutine, per caller, all the way up (a
      // message broker's account lookup reached 300 goroutines of 60 sites). What is lost is
      // the start's order after what the other starters did before it.
      const anywhere = this.w.startedBefore(site);
      const again = this.w.startedBefore(spawn) ?? (anywhere && (anywhere.thread.multi || multi) ? anywhere : undefined);
      const above = this.lineageOf.get(t.parent);
      if (again) {
        again.thread.multi = true;
        again.thread.multiFromLoop = false;
        again.thread.severalPerParent = true;
        for (const k of instanceKeys) this.w.addInstanceKey(again, k);
        this.threadMap.set(t.id, again);
        fresh.push([t.id, again, false]);
        // What this call's start of it is ordered after: its own starter, where it started it.
        const a = again.thread;
        if (a.parent !== parent.thread.id || a.spawnSeq !== spawnSeq || a.startSeq !== startSeq) {
          this.lineageOf.set(t.id, [{ thread: a.id, parent: parent.thread.id, spawnSeq, startSeq }, ...(above ?? [])]);
        } else if (above) this.lineageOf.set(t.id, above);
        continue;
      }
      if (above) this.lineageOf.set(t.id, above);
      const ctx = this.w.makeThread(t.label, t.kind, multi, parent.thread.id, spawnSeq, t.site, callerThread.root, t.afterParent, instanceKeys);
      ctx.thread.startSeq = startSeq;
      ctx.thread.multiFromLoop = multiFromLoop;
      ctx.thread.severalPerParent = severalPerParent;
      // Several at once in the callee's own loop: no loop of the caller makes it one at a time.
      if (multiFromLoop) ctx.thread.loopsAround = t.multiFromLoop ? Infinity : this.st.loops.length;
      if (runs) ctx.thread.runs = runs;
      ctx.passedOnce = new Set(this.st.thread.passedOnce);
      this.w.noteStarted(spawn, ctx);
      if (!this.w.startedBefore(site)) this.w.noteStarted(site, ctx);
      this.threadMap.set(t.id, ctx);
      fresh.push([t.id, ctx, true]);
    }
    // Once every goroutine is mapped: a goroutine's own values may be made on a later one.
    for (const [t, ctx, atSpawn] of fresh) this.ownInstanceKeys(t, ctx, atSpawn);
  }

  /**
   * The callee's per-instance values of goroutine t, as the caller's: mapped once every
   * goroutine is, since what a goroutine made becomes fresh on its counterpart (Replay.fresh). For a
   * goroutine just made they are its spawn keys too, as the walk's own starts have them.
   */
  private ownInstanceKeys(t: number, ctx: ThreadCtx, atSpawn: boolean): void {
    for (const k of this.s.col.instanceKeys.get(t) ?? []) {
      for (const v of this.values(k)) {
        if (atSpawn && ctx.instanceKeys === ctx.spawnKeys) ctx.instanceKeys.add(v);
        else this.w.addInstanceKey(ctx, v);
      }
    }
  }

  accesses(): void {
    const callerLoops = this.callerLoopNodes;
    for (const a of this.s.col.accesses) {
      if (!this.atEntry && this.s.hidden.has(a.id)) continue;
      const ctx = this.threadMap.get(a.thread)!;
      const top = a.thread === 0;
      const keys = this.values(a.key);
      const raw = this.s.col.objects.get(a.key)!;
      // As `record` does: a slice that may be one of several arrays is not known to be the shared one.
      if (raw.kind === "slice" && keys.length > 1) continue;
      const locks = this.cachedLocksAt(a.locks, top, this.s.col.released.get(a.id));
      const once = this.s.col.onceInit.get(a.id);
      const passed = this.s.col.passedOnce.get(a.id);
      const origin = this.s.col.origins.get(a.key);
      for (const key of keys) {
        if (origin && !this.col.origins.has(key)) this.col.origins.set(key, origin);
        if (!this.col.objects.has(key)) {
          const o = this.col.origins.get(key);
          this.col.objects.set(key, { ...raw, key, created: o ? spanOf(o.node, o.file) : raw.created });
        }
        const access: Access = {
          ...a,
          id: this.col.accesses.length,
          key,
          thread: ctx.thread.id,
          seq: top ? this.base + a.seq : a.seq,
          locks,
          unknownLock: a.unknownLock || (top && this.st.locks.unknown > 0),
          root: this.st.thread.thread.root,
          via: this.prefix.length ? this.cached(this.viaCache, a.via, this.prefix) : a.via,
          loops: top && callerLoops.length ? this.cached(this.loopsCache, a.loops, callerLoops) : a.loops,
        };
        this.indexPerInstance(access, ctx);
        // Only an object handed in from outside its goroutine (made per call by a starter)
        // needs the start that led here (lineageFor).
        const lineage = this.lineageFor(key, ctx, a.lineage, a.thread);
        if (lineage) access.lineage = lineage;
        else delete access.lineage;
        const onceKey = top && this.st.frame.onceKey ? this.st.frame.onceKey : once !== undefined ? this.values(once)[0] : undefined;
        let passedOnce: ReadonlySet<string> = this.st.thread.passedOnce;
        if (passed?.size) {
          const both = new Set<string>(this.st.thread.passedOnce);
          for (const p of passed) for (const v of this.values(p)) both.add(v);
          passedOnce = both;
        }
        // What the caller released is gone from `locks`; what the callee released of the
        // caller's caller carries on, for the caller's own summary.
        this.col.addAccess(access, onceKey, passedOnce, top ? this.releasedAt(this.s.col.released.get(a.id)) : undefined);
      }
    }
    this.w.checkSummarySize();
  }

  /**
   * An index the callee could not tell apart per goroutine instance (Access.indexValues),
   * in the caller's terms: per instance when every value the caller gave it is one of the
   * goroutine's own (the loop index passed to a helper that starts a goroutine per call).
   */
  private indexPerInstance(access: Access, ctx: ThreadCtx): void {
    if (!access.indexValues) return;
    const vals = access.indexValues.flatMap((v) => this.values(v));
    // A goroutine this call starts in the caller's loop, given what differs per iteration (a
    // copy of the loop's variable, a value made in the iteration). Not the goroutine's own
    // variables: every instance may run through the same indices.
    const loop = this.st.loops[this.st.loops.length - 1];
    const startedHere = !!loop && ctx !== this.st.thread && ctx.thread.parent === this.st.thread.thread.id;
    const own = (v: string) => startedHere && (loop.perIteration.has(v) || !!loop.clauseVars?.has(v));
    if (ctx.thread.multi && vals.length && vals.every(own)) {
      access.perInstanceIndex = true;
      delete access.indexValues;
    } else if (vals.length) access.indexValues = vals;
    else delete access.indexValues;
  }

  /**
   * The lineage an access to `key` keeps: only for an object one start's own starters made
   * (a call's objects, handed down to the goroutine), where the lineage's way up reaches the
   * goroutine that made it otherwise than the thread's own way up: through another start
   * (a later call of the helper), or on a goroutine the thread's way up does not pass.
   * Objects all starts share are ordered as the thread says, and a lineage on their
   * accesses would only keep apart accesses that are one (Collector.addAccess).
   */
  private lineageFor(key: string, ctx: ThreadCtx, inner: readonly StartLink[] | undefined, thread: number): readonly StartLink[] | undefined {
    const root = splitValue(key).root;
    const kind = kindOf(root);
    if (kind !== "alloc" && kind !== "sym") return undefined;
    const maker = this.col.createdIn.get(root);
    if (maker === undefined || maker === ctx.thread.id) return undefined;
    const lineage = this.lineage(inner, thread);
    if (!lineage) return undefined;
    const threads = this.col.threads;
    const canonical = new Set<number>();
    for (let cur: number | null = ctx.thread.id; cur !== null && !canonical.has(cur); cur = threads[cur]!.parent) canonical.add(cur);
    const seen = new Set<number>();
    let viaLink = false;
    for (let cur: number | null = ctx.thread.id; cur !== null && !seen.has(cur); ) {
      if (cur === maker) return viaLink || !canonical.has(maker) ? lineage : undefined;
      seen.add(cur);
      const c: number = cur;
      const link = lineage.find((l) => l.thread === c);
      viaLink = !!link;
      cur = link ? link.parent : threads[c]!.parent;
    }
    return undefined;
  }

  /** An access's lineage in the caller's terms: the callee's links mapped, then this call's for its goroutine. */
  private lineage(inner: readonly StartLink[] | undefined, thread: number): readonly StartLink[] | undefined {
    let byThread = this.lineageCache.get(inner);
    if (!byThread) this.lineageCache.set(inner, (byThread = new Map()));
    if (byThread.has(thread)) return byThread.get(thread);
    const outer = this.lineageOf.get(thread);
    let got: readonly StartLink[] | undefined = outer;
    if (inner?.length) {
      const mapped = inner.map((l) => {
        const onCaller = l.parent === 0;
        return {
          thread: this.threadMap.get(l.thread)!.thread.id,
          parent: this.threadMap.get(l.parent)!.thread.id,
          spawnSeq: onCaller ? (this.st.loops.length ? this.st.loops[0]!.startSeq : this.base + l.spawnSeq) : l.spawnSeq,
          startSeq: onCaller ? this.base + l.startSeq : l.startSeq,
        };
      });
      got = outer ? [...mapped, ...outer] : mapped;
    }
    byThread.set(thread, got);
    return got;
  }

  private cached<T>(cache: Map<readonly T[], T[]>, list: readonly T[], prefix: readonly T[]): T[] {
    let got = cache.get(list);
    if (!got) cache.set(list, (got = [...prefix, ...list]));
    return got;
  }

  /** locksAt, once per list of the callee's locks and released set (both shared by many accesses). */
  private cachedLocksAt(own: readonly HeldLock[], top: boolean, released: ReadonlySet<string> | undefined): readonly HeldLock[] {
    // Only the caller's own goroutine holds the caller's locks: the two cases are two caches.
    const cache = top ? this.locksCache : this.otherLocksCache;
    let byReleased = cache.get(own);
    if (!byReleased) cache.set(own, (byReleased = new Map()));
    let got = byReleased.get(released);
    if (!got) byReleased.set(released, (got = this.locksAt(own, top ? this.st.locks : null, released)));
    return got;
  }

  /** The entry locks released before an access, as the caller's own summary sees them. */
  private releasedAt(released: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
    const callerReleased = this.st.locks.released();
    if (!released?.size) return callerReleased.size ? callerReleased : undefined;
    const out = new Set(callerReleased);
    for (const k of released) for (const v of this.values(k)) if (!this.st.locks.has(this.w.canonical(v))) out.add(this.w.canonical(v));
    return out;
  }

  /** The locks held at an access: the caller's (less those the callee released before it), then the callee's own. */
  private locksAt(own: readonly HeldLock[], caller: LockState | null, released: ReadonlySet<string> | undefined): readonly HeldLock[] {
    const out = new Map<string, HeldLock>();
    if (caller) {
      const gone = new Set<string>();
      for (const k of released ?? []) for (const v of this.values(k)) gone.add(this.w.canonical(v));
      for (const l of caller.values()) if (!gone.has(l.key)) out.set(l.key, l);
    }
    for (const l of own) {
      for (const v of this.values(l.key)) {
        const key = this.w.canonical(v);
        out.set(key, { ...l, key });
      }
    }
    return [...out.values()];
  }

  events(): void {
    const callerLoops = this.st.loops.map((l) => l.node);
    for (const e of this.s.col.events) {
      const ctx = this.threadMap.get(e.thread)!;
      const top = e.thread === 0;
      for (const k of this.values(e.key)) {
        const ev: SyncEvent = { key: this.w.canonical(k), thread: ctx.thread.id, seq: top ? this.base + e.seq : e.seq, op: e.op, loops: top && callerLoops.length ? [...callerLoops, ...e.loops] : e.loops };
        if (e.scopeEnd !== undefined) ev.scopeEnd = top ? this.base + e.scopeEnd : e.scopeEnd;
        if (e.one) ev.one = true;
        if (e.sent) {
          const sent = new Set<string>();
          for (const v of e.sent) for (const x of this.values(v)) sent.add(splitValue(x).root);
          if (sent.size) ev.sent = sent;
        }
        if (e.loopEnd !== undefined) ev.loopEnd = top ? this.base + e.loopEnd : e.loopEnd;
        this.col.addEvent(ev);
      }
    }
  }

  /** Calls of function values the callee was given, made now that the caller says which. */
  pendingCalls(): void {
    for (const p of this.s.pending) {
      const fns = this.values(p.fn);
      if (!fns.length) continue;
      const ctx = this.threadMap.get(p.thread)!;
      const top = p.thread === 0;
      const locks = new LockState();
      for (const l of this.locksAt(p.locks, top ? this.st.locks : null, p.released)) locks.set(l.key, l);
      locks.unknown = p.unknownLocks + (top ? this.st.locks.unknown : 0);
      const frame: Frame = { ...this.st.frame, via: this.prefix.length ? [...this.prefix, ...p.via] : p.via, onceKey: top ? this.st.frame.onceKey ?? p.onceKey : p.onceKey, deferredCalls: [], deferredUnlocks: [], returns: [], results: [] };
      const saved = ctx.seq;
      ctx.seq = top ? this.base + p.seq : p.seq;
      const at: WalkState = { frame, thread: ctx, locks, loops: top ? this.st.loops : [] };
      const args = p.args.map((a) => this.valuesOf(a));
      for (const fn of fns) this.w.callValue(fn, args, at, p.site, p.isThreadStart);
      ctx.seq = saved;
    }
  }
}


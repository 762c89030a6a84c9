/**
 * Function summaries: a declared function's body is walked once, with its
 * receiver and parameters bound to symbolic values (`param:recv`,
 * `param:0`, ...), on a template goroutine holding no lock, into a collector
 * of its own. A call replays that recording into the caller's walk instead
 * of walking the callee again:
 *
 *   - symbolic values become the arguments' values; the callee's allocations
 *     and locals become fresh ones (two calls make two maps);
 *   - each access holds the caller's locks, minus those the callee released
 *     before it, plus those the callee holds there; the callee's net lock
 *     effect applies to the caller after the call;
 *   - loops of the caller are around the callee's accesses; the callee's
 *     goroutines start under the caller's (several at once when the caller
 *     is in a loop or itself runs several times); program order continues
 *     the caller's;
 *   - a function value the callee was given and calls (`f()`, `go f()`,
 *     `defer f()`) is called where the callee calls it, once the caller says
 *     which function it is.
 *
 * Replaying costs the recording's size, not the callee's body and callees:
 * each function is walked once per package, whatever calls it.
 */
import type { FileIR, FuncIR, GoType } from "../../ir/types.js";
import type { GoNode } from "../../parse/node.js";
import { stripParens } from "../../ir/syntax.js";
import { typeString } from "../../ir/type-expr.js";
import type { HeldLock, Site, SyncEvent, Thread } from "../facts.js";
import { Env, LockState, type Frame, type FuncVal, type ThreadCtx, type WalkState } from "../state.js";
import { kindOf, paramValue, splitValue } from "../values.js";
import { Collector, heightOf } from "./common.js";
import { StatementWalker } from "./statements.js";
import { Replay } from "./replay.js";

/** Abstract steps one function's own walk may take; past it, its summary is unknown (its calls contribute nothing). */
export const SUMMARY_STEPS = 200_000;
/**
 * Program order a call of a function value the summary does not know takes:
 * what it does when the caller names it fits in between, before what follows.
 */
const PENDING_CALL_SEQS = 10_000;
/**
 * Accesses one summary may hold (its own and its callees', merged). A summary holds what
 * its callees do, so in a package where everything reaches everything the summaries near
 * the top hold most of the package each; past this a function's summary is unknown (as
 * past SUMMARY_STEPS) and the package says its analysis is partial.
 */
export const SUMMARY_ACCESSES = 25_000;
/**
 * Accesses all of a package's summaries may hold together (about a kilobyte each): past
 * it no more summaries are made, their calls contribute nothing and the package says its
 * analysis is partial. It keeps a worker's memory bounded where summaries hold most of a
 * large package each (see docs/design/summaries.md, "Cost").
 */
export const PACKAGE_SUMMARY_ACCESSES = 600_000;
/** Objects one place makes on one goroutine, in one summary, before the last stands for more (Replay.fresh). */
const MAX_OBJECTS_PER_SITE = 4;

/** A call of a function value the function was given: made when its caller says which. */
interface PendingCall {
  thread: number;
  seq: number;
  /** The function value, in the summary's terms (`param:0`). */
  fn: string;
  args: ReadonlySet<string>[];
  site: Site | null;
  isThreadStart: boolean;
  locks: readonly HeldLock[];
  released: ReadonlySet<string>;
  unknownLocks: number;
  via: Site[];
  onceKey: string | null;
}

export interface Summary {
  /** What the walk of the function recorded; its goroutine 0 is the caller's. */
  col: Collector;
  /** The values of each result, in the summary's terms. */
  returns: ReadonlySet<string>[];
  /** The locks at return, relative to the entry. */
  exit: LockState;
  /** How far the function advanced its caller's program order. */
  seq: number;
  /** Where each parameter is declared (a parameter the caller binds nothing to is a variable of its own). */
  params: Map<string, { node: GoNode; file: FileIR }>;
  /** The variadic parameter's index, if any. */
  variadic: number | null;
  pending: PendingCall[];
  pendingSeen: Set<string>;
  /** Values sent on channels, in the summary's terms: replayed, they reach the caller's channels. */
  sends: Map<string, Set<string>>;
  /**
   * Accesses (by id) no caller can pair with anything: on the caller's goroutine, to an
   * allocation or local of the function that nothing hands out (results, channels,
   * goroutines, calls of function values); and any under a lock the analysis could not
   * identify (those never pair). Replays leave them out.
   */
  hidden: Set<number>;
  /** The function's allocations and locals its callers can reach (the complement of what `hidden` leaves out). */
  seen: Set<string>;
  /**
   * The goroutines the function starts and waits for before it returns (on something
   * they signal): each call's are done by the time the call returns, so a loop of the
   * caller around the call starts them one call at a time (`for { lock(); ... }` where
   * `lock` starts its workers and waits for them).
   */
  joined: Set<number>;
}

const STATS = !!process.env.GO_HAZARD_SUMMARY_STATS;
/** Summaries one function may have for the constant booleans its callers pass, besides the generic one. */
const MAX_VARIANTS = 4;

/** Is `name` assigned, incremented or has its address taken anywhere in `body` (a flag that may change)? */
function reassigned(body: GoNode, name: string): boolean {
  const stack: GoNode[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === "identifier" && n.text === name) {
      const p = n.parent;
      if (p?.type === "unary_expression" && p.field("operator")?.text === "&") return true;
      if (p?.type === "inc_statement" || p?.type === "dec_statement") return true;
      if (p?.type === "expression_list" && (p.parent?.type === "assignment_statement" || p.parent?.type === "short_var_declaration") && p.parent.field("left")?.start === p.start) return true;
    }
    for (const c of n.children) stack.push(c);
  }
  return false;
}

class SummaryStepsExceeded extends Error {}

export abstract class SummaryWalker extends StatementWalker {
  /** Use summaries for calls (else the walker inlines every callee, as deep as MAX_DEPTH). */
  summaries = false;
  /** Functions whose summary is unknown (its walk went past SUMMARY_STEPS). */
  unknownSummaries: string[] = [];
  /** Accesses the package's summaries hold (PACKAGE_SUMMARY_ACCESSES). */
  private summaryAccesses = 0;
  private readonly summaryOfFunc = new Map<FuncIR, Summary | null>();
  private readonly making = new Set<string>();
  /** Summaries made for calls that pass constant booleans (`run(cfg, false)`), by function and constants. */
  private readonly specialized = new Map<string, Summary | null>();
  private readonly variants = new Map<FuncIR, number>();
  /** Summary walks in progress, innermost last: a function literal is walked only while the walk that made it lasts. */
  private readonly activeWalks: Summary[] = [];
  private readonly literalOwner = new WeakMap<FuncVal, Summary>();
  private readonly placeholders = new Map<string, FuncVal>();

  protected override invokeDecl(decl: FuncIR, recv: ReadonlySet<string> | null, args: ReadonlySet<string>[], st: WalkState, site: Site | null, isThreadStart: boolean): ReadonlySet<string>[] {
    if (!this.summaries) return super.invokeDecl(decl, recv, args, st, site, isThreadStart);
    if (!decl.body) return [];
    const summary = this.summaryOf(decl, this.constantFlags(decl, site));
    if (!summary) return [];
    // Values that cross the call as a struct pointer held in another object are any value of its type (typeIdentity).
    if (recv && decl.recv?.pointer) recv = this.heapBases(recv, { k: "ptr", elem: { k: "named", name: decl.recv.typeName, pkg: null } }, st);
    const bound = args.map((a, i) => (decl.params[i] && !decl.params[i]!.variadic ? this.heapBases(a, decl.params[i]!.type, st) : a));
    return this.replay(summary, recv, bound, st, site && !isThreadStart ? site : null);
  }

  protected override literalVal(lit: GoNode, env: Env, st: WalkState): FuncVal {
    const fv = super.literalVal(lit, env, st);
    const owner = this.activeWalks[this.activeWalks.length - 1];
    if (owner) this.literalOwner.set(fv, owner);
    return fv;
  }

  /** A parameter's value called as a function: a placeholder the replay resolves. */
  protected override funcValOf(value: string): FuncVal | undefined {
    if (!this.summaries || !this.activeWalks.length || kindOf(value) !== "param") return super.funcValOf(value);
    let fv = this.placeholders.get(value);
    if (!fv) this.placeholders.set(value, (fv = { key: value, decl: null, literal: null, env: null, file: this.ir.files[0]!, recv: null, name: "a function value it was given" }));
    return fv;
  }

  protected override invoke(fv: FuncVal, args: ReadonlySet<string>[], st: WalkState, site: Site | null, isThreadStart: boolean): ReadonlySet<string>[] {
    if (this.placeholders.get(fv.key) === fv) {
      const walk = this.activeWalks[this.activeWalks.length - 1]!;
      // One call per function value, arguments, site and goroutine is enough (the first stands for the others).
      const sig = `${fv.key}|${st.thread.thread.id}|${site?.node.start ?? ""}|${isThreadStart ? 1 : 0}|${args.map((a) => [...a].sort().join(",")).join(";")}`;
      if (walk.pendingSeen.has(sig)) return [];
      walk.pendingSeen.add(sig);
      walk.pending.push({
        thread: st.thread.thread.id,
        seq: st.thread.seq,
        fn: fv.key,
        args,
        site,
        isThreadStart,
        locks: st.locks.values(),
        released: st.locks.released(),
        unknownLocks: st.locks.unknown,
        via: st.frame.via,
        onceKey: st.frame.onceKey,
      });
      st.thread.seq += PENDING_CALL_SEQS;
      return [];
    }
    // A literal made in a summary walk that has ended holds that walk's symbolic values:
    // walking it now would mix them into the caller's. Unknown stays silent.
    const owner = fv.literal ? this.literalOwner.get(fv) : undefined;
    if (owner && !this.activeWalks.includes(owner)) return [];
    return super.invoke(fv, args, st, site, isThreadStart);
  }

  protected override sendOn(chan: string, vals: ReadonlySet<string>): void {
    super.sendOn(chan, vals);
    const walk = this.activeWalks[this.activeWalks.length - 1];
    if (!walk || !vals.size) return;
    let got = walk.sends.get(chan);
    if (!got) walk.sends.set(chan, (got = new Set()));
    for (const v of vals) got.add(v);
  }

  protected override step(): void {
    if (!this.activeWalks.length) return super.step();
    if (++this.out.steps > SUMMARY_STEPS || this.out.accesses.length > SUMMARY_ACCESSES) throw new SummaryStepsExceeded();
  }

  /** @internal */ checkSummarySize(): void {
    if (this.activeWalks.length && this.out.accesses.length > SUMMARY_ACCESSES) throw new SummaryStepsExceeded();
  }

  /**
   * The boolean parameters a call passes as literals (`run(cfg, false)`), when the body
   * never assigns them: a summary made for those values walks only the branches they take
   * (`if !start { return }`), as a flag keeps two callers' paths apart.
   */
  private constantFlags(decl: FuncIR, site: Site | null): Map<number, boolean> | undefined {
    let call = site?.node;
    if (call && (call.type === "go_statement" || call.type === "defer_statement")) call = call.children.find((c) => c.type === "call_expression");
    if (!call || call.type !== "call_expression" || !decl.body) return undefined;
    const args = call.field("arguments")?.children ?? [];
    let flags: Map<number, boolean> | undefined;
    decl.params.forEach((p, i) => {
      if (p.variadic || !p.name || typeString(p.type) !== "bool") return;
      const a = args[i] ? stripParens(args[i]!).type : null;
      if ((a === "true" || a === "false") && !reassigned(decl.body!, p.name)) (flags ??= new Map()).set(i, a === "true");
    });
    return flags;
  }

  /** The function's summary, made on first need; null while it is being made (recursion) or when it is unknown. */
  protected summaryOf(decl: FuncIR, flags?: ReadonlyMap<number, boolean>): Summary | null {
    // A few variants per function for the constants its callers pass; past them, the generic one.
    const variant = flags?.size ? `${decl.key}|${[...flags].map(([i, v]) => `${i}=${v ? 1 : 0}`).join(",")}` : null;
    if (variant !== null && !this.specialized.has(variant) && (this.variants.get(decl) ?? 0) >= MAX_VARIANTS) return this.summaryOf(decl);
    const known = variant !== null ? this.specialized.get(variant) : this.summaryOfFunc.get(decl);
    if (known !== undefined) return known;
    const making = variant ?? decl.key;
    if (this.making.has(making) || this.making.has(decl.key)) return null;
    const remember = (s: Summary | null) => (variant !== null ? this.specialized.set(variant, s) : this.summaryOfFunc.set(decl, s));
    if (this.summaryAccesses > PACKAGE_SUMMARY_ACCESSES) {
      remember(null);
      this.unknownSummaries.push(decl.key);
      return null;
    }
    if (variant !== null) this.variants.set(decl, (this.variants.get(decl) ?? 0) + 1);
    this.making.add(making);
    const saved = { out: this.out, chanReads: this.chanReads };
    let summary: Summary | null = null;
    try {
      const ids = { syms: this.symIds, invocations: this.invocations };
      summary = this.walkForSummary(decl, flags);
      // A goroutine walked at its go statement may receive what the function sends only
      // later: walk once more (with the same identities) and the channel contents the first walk found.
      if ([...this.chanReads].some(([k, n]) => (this.chanContents.get(k)?.size ?? 0) > n)) {
        this.symIds = ids.syms;
        this.invocations = ids.invocations;
        summary = this.walkForSummary(decl, flags);
      }
    } catch (e) {
      if (!(e instanceof SummaryStepsExceeded)) throw e;
      this.unknownSummaries.push(decl.key);
      summary = null;
    } finally {
      this.out = saved.out;
      this.chanReads = saved.chanReads;
      this.making.delete(making);
    }
    remember(summary);
    if (summary) this.summaryAccesses += summary.col.accesses.length;
    if (summary && STATS && summary.col.accesses.length > 2000) process.stderr.write(`  summary ${decl.key}: ${summary.col.accesses.length} accesses, ${summary.col.threads.length} goroutines, ${summary.col.events.length} events, ${summary.col.steps} steps, ${summary.pending.length} pending\n`);
    return summary;
  }

  private walkForSummary(decl: FuncIR, flags?: ReadonlyMap<number, boolean>): Summary {
    const col = new Collector();
    col.dedup = true;
    this.out = col;
    this.chanReads = new Map();
    const summary: Summary = { col, returns: [], exit: new LockState(), seq: 0, params: new Map(), variadic: null, pending: [], pendingSeen: new Set(), sends: new Map(), hidden: new Set(), seen: new Set(), joined: new Set() };
    this.activeWalks.push(summary);
    try {
      const thread = this.newThread(`caller of ${decl.key}`, "entry", false, null, 0, null, decl.key, false);
      const ctx = this.threadCtx(thread, new Set());
      const frame: Frame = { fn: decl, fnName: decl.key, file: decl.file, results: [], returns: [], deferredUnlocks: [], deferredCalls: [], via: [], depth: 1, nesting: heightOf(decl.body), active: new Set([decl.key]), onceKey: null, invocation: ++this.invocations };
      const st: WalkState = { frame, thread: ctx, locks: new LockState(), loops: [] };
      const env = new Env(null);
      if (decl.recv && decl.recv.name) {
        const rt: GoType = decl.recv.pointer ? { k: "ptr", elem: { k: "named", name: decl.recv.typeName, pkg: null } } : { k: "named", name: decl.recv.typeName, pkg: null };
        this.declare(env, decl.recv.name, rt, new Set([paramValue("recv")]), decl.recv.node, st);
        summary.params.set(paramValue("recv"), { node: decl.recv.node, file: decl.file });
      }
      decl.params.forEach((p, i) => {
        if (p.variadic) summary.variadic = i;
        if (!p.name) return;
        const sym = this.declare(env, p.name, p.type, new Set([paramValue(i)]), p.node, st);
        if (flags?.has(i)) sym.known = flags.get(i)!;
        if (p.node) summary.params.set(paramValue(i), { node: p.node, file: decl.file });
      });
      for (const r of decl.results) {
        if (r.name) frame.results.push(this.declare(env, r.name, r.type, new Set(), r.node, st));
      }
      this.walkBody(decl.body!, env, st);
      summary.returns = frame.returns;
      summary.exit = st.locks;
      summary.seq = ctx.seq;
      Object.assign(summary, unseenByCallers(summary));
      summary.joined = joinedBeforeReturn(col);
      col.seal();
      return summary;
    } finally {
      this.activeWalks.pop();
    }
  }

  /** Replays a summary into the caller's walk; returns the results' values. */
  protected replay(summary: Summary, recv: ReadonlySet<string> | null, args: ReadonlySet<string>[], st: WalkState, site: Site | null): ReadonlySet<string>[] {
    const r = new Replay(this, summary, recv, args, st, site);
    r.threads();
    r.accesses();
    r.events();
    for (const [chan, sent] of summary.sends) {
      const vals = r.valuesOf(sent);
      for (const c of r.values(chan)) this.sendOn(c, vals);
    }
    r.pendingCalls();
    r.ownObjects();
    r.ownTypeIdentities();
    st.thread.seq += summary.seq + 1;
    // The callee's net lock effect: the caller's locks it released, the locks it returns holding.
    for (const k of summary.exit.released()) for (const v of r.values(k)) st.locks.release(this.canonicalKey(v));
    for (const l of summary.exit.values()) for (const v of r.values(l.key)) st.locks.set(this.canonicalKey(v), { ...l, key: this.canonicalKey(v) });
    st.locks.unknown += summary.exit.unknown;
    return summary.returns.map((set) => r.valuesOf(set));
  }

  // ---- what a replay needs of the walker -----------------------------------------

  /** The largest summaries made, by accesses recorded (for GO_HAZARD_SUMMARY_STATS). */
  largestSummaries(n: number): Array<{ fn: string; accesses: number; threads: number; events: number; steps: number }> {
    const out = [];
    for (const [fn, s] of this.summaryOfFunc) if (s) out.push({ fn: fn.key, accesses: s.col.accesses.length, threads: s.col.threads.length, events: s.col.events.length, steps: s.col.steps });
    return out.sort((a, b) => b.accesses - a.accesses).slice(0, n);
  }

  /** @internal */ override inSummary(): boolean {
    return this.activeWalks.length > 0;
  }
  /** @internal */ collector(): Collector {
    return this.out;
  }
  /** @internal */ freshInvocation(): number {
    return ++this.invocations;
  }
  /** @internal */ freshSym(): number {
    return ++this.symIds;
  }
  /** @internal */ makeThread(label: string, kind: Thread["kind"], multi: boolean, parent: number, spawnSeq: number, site: Site | null, root: string, afterParent: boolean, instanceKeys: Set<string>): ThreadCtx {
    return this.threadCtx(this.newThread(label, kind, multi, parent, spawnSeq, site, root, afterParent), instanceKeys);
  }
  /** @internal */ functionValue(declKey: string, receivers: ReadonlySet<string>): string | null {
    const decl = this.ir.funcs.get(declKey);
    return decl ? this.declVal(decl, receivers).key : null;
  }
  /** Goroutines replays started, by parent, site and kind, in the collector being recorded into. */
  private started = new WeakMap<Collector, Map<string, ThreadCtx>>();
  private objectsAt = new WeakMap<Collector, Map<string, { n: number; last: string }>>();
  /**
   * An identity for an object made at `site` (place and goroutine) in a replay: a new one
   * (`make`) for the first MAX_OBJECTS_PER_SITE, then the last of them again. Null when
   * not merging (the walker's core).
   */
  /** @internal */ freshAt(site: string, make: () => string): string | null {
    if (!this.out.dedup) return null;
    let m = this.objectsAt.get(this.out);
    if (!m) this.objectsAt.set(this.out, (m = new Map()));
    const had = m.get(site);
    if (had && had.n >= MAX_OBJECTS_PER_SITE) return had.last;
    const key = make();
    m.set(site, { n: (had?.n ?? 0) + 1, last: key });
    return key;
  }

  /** @internal */ startedBefore(spawn: string): ThreadCtx | undefined {
    return this.out.dedup ? this.started.get(this.out)?.get(spawn) : undefined;
  }
  /** @internal */ noteStarted(spawn: string, ctx: ThreadCtx): void {
    if (!this.out.dedup) return;
    let m = this.started.get(this.out);
    if (!m) this.started.set(this.out, (m = new Map()));
    m.set(spawn, ctx);
  }
  /** @internal */ canonical(key: string): string {
    return this.canonicalKey(key);
  }
  /** @internal */ callValue(value: string, args: ReadonlySet<string>[], st: WalkState, site: Site | null, isThreadStart: boolean): void {
    const fv = this.funcValOf(value);
    if (fv) this.invoke(fv, args, st, site, isThreadStart);
  }
}

/** The goroutines a summary's function starts itself and waits for, after starting them, on something they signal. */
function joinedBeforeReturn(col: Collector): Set<number> {
  const signals = new Map<number, Set<string>>();
  for (const e of col.events) {
    if (e.op !== "signal" || e.thread === 0) continue;
    let keys = signals.get(e.thread);
    if (!keys) signals.set(e.thread, (keys = new Set()));
    keys.add(e.key);
  }
  const joined = new Set<number>();
  for (const t of col.threads) {
    if (t.parent !== 0) continue;
    const keys = signals.get(t.id);
    // One receive joins one of several (SyncEvent.one), unless a loop repeats it.
    const several = t.severalPerParent;
    if (keys && col.events.some((w) => w.thread === 0 && w.op === "wait" && w.seq > t.startSeq && keys.has(w.key) && !(several && w.one && w.loopEnd === undefined))) joined.add(t.id);
  }
  return joined;
}

/** The accesses of a summary to its own allocations and locals that its callers cannot reach (see Summary.hidden). */
function unseenByCallers(s: Summary): { hidden: Set<number>; seen: Set<string> } {
  const seen = new Set<string>();
  const add = (v: string) => seen.add(splitValue(v).root);
  for (const set of s.returns) for (const v of set ?? []) add(v);
  for (const [chan, sent] of s.sends) {
    add(chan);
    for (const v of sent) add(v);
  }
  for (const p of s.pending) {
    add(p.fn);
    for (const a of p.args) for (const v of a) add(v);
  }
  for (const a of s.col.accesses) if (a.thread !== 0) add(a.key);
  for (const [t, keys] of s.col.instanceKeys) if (t !== 0) for (const k of keys) add(k);
  const hidden = new Set<number>();
  for (const a of s.col.accesses) {
    // Under a lock the analysis could not identify, an access pairs with nothing, in any caller.
    if (a.unknownLock) {
      hidden.add(a.id);
      continue;
    }
    if (a.thread !== 0) continue;
    const root = splitValue(a.key).root;
    const kind = kindOf(root);
    if ((kind === "alloc" || kind === "sym") && !seen.has(root)) hidden.add(a.id);
  }
  return { hidden, seen };
}

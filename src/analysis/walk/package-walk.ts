/**
 * Entry point of the dataflow pass: package IR in, facts out.
 *
 * Which functions are walked as entry points ("roots"):
 * - every function or method that starts goroutines, directly or through the
 *   package functions it calls (only those can create concurrency inside one walk);
 * - every `ServeHTTP` method (a concurrent entry point: one call per request);
 * - exported functions and methods, as clients, but only when some goroutine
 *   outlives the root that started it (otherwise there is nothing to race with).
 * Calls are walked inline from each root, so a finding's path names the calls.
 */
import type { FuncIR, PackageIR } from "../../ir/types.js";
import { computeEscapes, computePairs, lockClassResolver } from "../conflicts.js";
import type { PackageFacts, SharedObject } from "../facts.js";
import { BudgetExceeded, Collector, MAX_DEPTH } from "./common.js";
import { RootWalker } from "./roots.js";
import type { AnalysisOptions } from "../framework.js";
import type { NoReturn } from "../base/noreturn.js";
import type { CallGraph } from "../base/callgraph.js";
import type { Inspector } from "../base/inspect.js";
import { mutexOwningTypes, PARALLEL_METHOD, SPAWN_NAMES } from "../concurrency-api.js";
import { globalName, recvFirstField } from "../values.js";
import { TypeInference } from "../../ir/infer.js";
import { funcOfDecl } from "../../ir/node-index.js";
import { enclosingDecl } from "../../ir/syntax.js";


/** What the walk takes from the base analyzers. */
export interface WalkBase {
  noReturn: NoReturn;
  calls: CallGraph;
  inspect: Inspector;
}

export interface WalkedPackage {
  facts: PackageFacts;
  /** Abstract steps taken. */
  steps: number;
  /** Functions walked as entry points because they start goroutines or serve HTTP. */
  concurrentRoots: ReadonlySet<string>;
  /** Some object had more accesses than are paired (MAX_ACCESSES_PER_OBJECT): pairs may be missing. */
  pairsTruncated: boolean;
}

export function analyzePackage(ir: PackageIR, options: AnalysisOptions, base: WalkBase): WalkedPackage {
  const { noReturn, calls, inspect } = base;
  const col = new Collector();
  const infer = new TypeInference(ir);
  const walker = new RootWalker(ir, col, options.budget, noReturn, infer);
  walker.summaries = options.core === "summaries";
  walker.typeIdentity = walker.summaries;
  col.dedup = walker.summaries;
  // Summaries reach a spawn however deep it is: every function that may start one, and as
  // entries only those no other of them reaches (see concurrentEntries).
  const spawning = spawningFunctions(ir, calls, inspect, walker.summaries ? Infinity : MAX_DEPTH);
  const entries = walker.summaries ? concurrentEntries(ir, calls, spawning) : spawning;
  let budgetExceeded = false;

  // The package's own code before its tests: where a package's summaries reach their cap
  // (PACKAGE_SUMMARY_ACCESSES), what is left out is test code, not the server's main loop.
  const isTest = (fn: FuncIR) => fn.file.file.relPath.endsWith("_test.go");
  const funcs = [...ir.funcs.values()].sort((a, b) => Number(isTest(a)) - Number(isTest(b)) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const walk = (fn: FuncIR, kind: "entry" | "handler", multi: boolean, depth?: number) => {
    if (budgetExceeded) return;
    try {
      walker.walkRoot(fn, kind, multi, depth);
    } catch (e) {
      if (e instanceof BudgetExceeded) budgetExceeded = true;
      else throw e;
    }
  };

  const walked = new Set<string>();
  for (const fn of funcs) {
    if (isServeHTTP(fn)) {
      walk(fn, "handler", true);
      walked.add(fn.key);
    } else if (entries.has(fn.key)) {
      walk(fn, "entry", false);
      walked.add(fn.key);
    }
  }
  // Clients: exported functions and methods that touch what a goroutine outliving its
  // starter touches (a receiver field of their type, a package variable).
  computeEscapes(col);
  const shared = sharedByEscapedGoroutines(col, (k) => walker.canonicalKey(k));
  const clientRoots = new Set<string>();
  if (shared.types.size || shared.globals.size) {
    const mentions = new Mentions(calls, inspect);
    for (const fn of funcs) {
      if (!fn.exported && !isServeHTTP(fn)) continue;
      // Another package holds no value of an unexported type to call its methods on (short of
      // an interface): the package's own calls, walked from its own roots, are all there is.
      if (fn.recv && !/^[A-Z]/.test(fn.recv.typeName) && !isServeHTTP(fn)) continue;
      const names = fn.recv ? shared.types.get(fn.recv.typeName) : fn.recv === null ? shared.globals : undefined;
      const relevant = (names && mentions.any(fn, names, /* through fields */ !!fn.recv)) || (fn.recv !== null && shared.globals.size > 0 && mentions.any(fn, shared.globals, false));
      if (!relevant) continue;
      clientRoots.add(fn.key);
      if (!walked.has(fn.key)) walk(fn, "entry", false);
    }
  }

  if (process.env.GO_HAZARD_SUMMARY_STATS) {
    // A developer's view of where a package's cost goes (docs/design/summaries.md).
    process.stderr.write(`summaries ${ir.pkg.id}: ${col.accesses.length} accesses, ${col.threads.length} goroutines, ${col.events.length} events; unknown summaries: ${walker.unknownSummaries.join(", ") || "none"}\n`);
    for (const s of walker.largestSummaries(8)) process.stderr.write(`  ${s.fn}: ${s.accesses} accesses, ${s.threads} goroutines, ${s.events} events, ${s.steps} steps\n`);
  }
  const canonical = (k: string) => walker.canonicalKey(k);
  const { pairs, truncated } = computePairs(col, canonical, clientRoots, lockClassResolver(walker.lockAliases));
  const objects = groupObjects(col, canonical);
  for (const p of pairs) p.object = col.accesses[p.a]!.object;
  return {
    facts: { objects, accesses: col.accesses, threads: col.threads, pairs, budgetExceeded: budgetExceeded || col.rootsDropped.length > 0 || walker.unknownSummaries.length > 0 },
    pairsTruncated: truncated,
    steps: col.steps,
    concurrentRoots: walked,
  };
}

/**
 * Walks the methods of types that own a mutex (except those in `skip`), each
 * as an entry point of its own, calls followed three deep: such types declare
 * themselves concurrent, and the locks held around their field accesses are
 * what inconsistent-field-lock compares. A walk of its own, so the race
 * facts do not depend on whether the lock discipline is checked.
 */
export function walkLockOwnerMethods(ir: PackageIR, options: AnalysisOptions, budget: number, skip: ReadonlySet<string>, noReturn: NoReturn): { facts: PackageFacts; steps: number } {
  const col = new Collector();
  const walker = new RootWalker(ir, col, budget, noReturn, new TypeInference(ir));
  walker.summaries = options.core === "summaries";
  walker.typeIdentity = walker.summaries;
  col.dedup = walker.summaries;
  let budgetExceeded = false;
  for (const typeName of mutexOwningTypes(ir)) {
    for (const fn of [...(ir.methods.get(typeName)?.values() ?? [])].sort((a, b) => (a.key < b.key ? -1 : 1))) {
      if (skip.has(fn.key) || budgetExceeded) continue;
      try {
        walker.walkRoot(fn, "entry", false, 3);
      } catch (e) {
        if (e instanceof BudgetExceeded) budgetExceeded = true;
        else throw e;
      }
    }
  }
  const objects = groupObjects(col, (k) => walker.canonicalKey(k));
  return { facts: { objects, accesses: col.accesses, threads: col.threads, pairs: [], budgetExceeded: budgetExceeded || col.rootsDropped.length > 0 }, steps: col.steps };
}

/** Objects are grouped by canonical identity, so `go-hazard facts` shows one object per field/variable. */
function groupObjects(col: Collector, canonical: (k: string) => string): SharedObject[] {
  const objects: SharedObject[] = [];
  const byCanon = new Map<string, SharedObject>();
  for (const a of col.accesses) {
    const c = canonical(a.key);
    let o = byCanon.get(c);
    if (!o) {
      const raw = col.objects.get(a.key)!;
      o = { id: objects.length, key: c, name: raw.name, kind: raw.kind, type: raw.type, created: raw.created, accesses: [] };
      byCanon.set(c, o);
      objects.push(o);
    }
    a.object = o.id;
    o.accesses.push(a.id);
  }
  return objects;
}


/** Receiver field names per type, and package variables, touched by goroutines that outlive their starter (or handlers). */
function sharedByEscapedGoroutines(col: Collector, canonical: (k: string) => string): { types: Map<string, Set<string>>; globals: Set<string> } {
  const types = new Map<string, Set<string>>();
  const globals = new Set<string>();
  for (const a of col.accesses) {
    const t = col.threads[a.thread]!;
    if (!(t.escapes || t.kind === "handler")) continue;
    const c = canonical(a.key);
    const field = recvFirstField(c);
    if (field) {
      let set = types.get(field.type);
      if (!set) types.set(field.type, (set = new Set()));
      set.add(field.field);
      continue;
    }
    const global = globalName(c);
    if (global) globals.add(global);
  }
  return { types, globals };
}

/** Does a function (or a package function it calls directly) mention one of these names? A cheap textual filter. */
class Mentions {
  private callees = new Map<FuncIR, FuncIR[]>();
  constructor(
    private readonly calls: CallGraph,
    private readonly inspect: Inspector,
  ) {}

  any(fn: FuncIR, names: Set<string>, asField: boolean): boolean {
    const re = new RegExp(`${asField ? "\\." : "\\b"}(?:${[...names].map(escapeRe).join("|")})\\b`);
    if (fn.body && re.test(fn.body.text)) return true;
    return this.calleesOf(fn).some((c) => !!c.body && re.test(c.body.text));
  }

  private calleesOf(fn: FuncIR): FuncIR[] {
    let out = this.callees.get(fn);
    if (out) return out;
    const seen = new Set<FuncIR>();
    for (const call of fn.body ? this.inspect.within(fn.body, "call_expression") : []) {
      const callee = this.calls.callee(call);
      if (callee && callee !== fn) seen.add(callee);
    }
    this.callees.set(fn, (out = [...seen]));
    return out;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isServeHTTP(fn: FuncIR): boolean {
  return fn.recv !== null && fn.name === "ServeHTTP" && fn.params.length === 2;
}

/**
 * Functions that may start goroutines: a `go` statement or a known spawner
 * call in their body (the concurrency API's names), or a call to such a
 * function (the call graph's callers), no further than the walker inlines.
 */
export function spawningFunctions(ir: PackageIR, calls: CallGraph, inspect: Inspector, maxDepth: number = MAX_DEPTH): Set<string> {
  const result = new Set<string>();
  // `t.Run` starts concurrency only with a parallel subtest.
  const parallel = ir.files.some((f) => f.file.text.includes(`.${PARALLEL_METHOD}()`));
  for (const fn of ir.funcs.values()) {
    if (!fn.body) continue;
    const spawns =
      inspect.within(fn.body, "go_statement").length > 0 ||
      inspect.within(fn.body, "call_expression").some((call) => {
        const f = call.field("function");
        const name = f?.type === "selector_expression" ? f.field("field")?.text : undefined;
        return !!name && SPAWN_NAMES.has(name) && (name !== "Run" || parallel);
      });
    if (spawns) result.add(fn.key);
  }
  // Level by level, no further than the walker inlines calls: a root whose
  // spawn lies deeper would walk without ever reaching it.
  let level = [...result];
  for (let depth = 1; depth <= maxDepth && level.length; depth++) {
    const next: string[] = [];
    for (const key of level) {
      for (const caller of calls.callers(ir.funcs.get(key)!)) {
        if (result.has(caller.key)) continue;
        result.add(caller.key);
        next.push(caller.key);
      }
    }
    level = next;
  }
  return result;
}

/**
 * The spawning functions to walk as entry points when calls replay summaries: those
 * another package may call (exported functions, exported methods of exported types), and
 * those nothing in the package reaches (no call, no use as a value in a spawning
 * function). An unexported helper is walked only from its callers, with the locks they
 * hold: walked on its own it held none, and what its callers hold around it (a
 * `...Locked` helper, "lock must be held") was lost. Functions that only reach each other
 * (recursion with no caller outside) get one entry, the first by key.
 */
export function concurrentEntries(ir: PackageIR, calls: CallGraph, spawning: ReadonlySet<string>): Set<string> {
  const reachedFrom = new Map<string, Set<string>>();
  const keys = [...spawning].sort();
  for (const key of keys) {
    const fn = ir.funcs.get(key)!;
    const from = new Set<string>();
    for (const c of calls.callers(fn)) if (c.key !== key) from.add(c.key);
    for (const v of calls.references(fn).values) {
      const user = funcOfDecl(ir, enclosingDecl(v));
      if (user && user.key !== key && spawning.has(user.key)) from.add(user.key);
    }
    reachedFrom.set(key, from);
  }
  const entries = new Set<string>();
  for (const key of keys) {
    const fn = ir.funcs.get(key)!;
    const exported = fn.exported && (fn.recv === null || /^[A-Z]/.test(fn.recv.typeName));
    if (exported || reachedFrom.get(key)!.size === 0) entries.add(key);
  }
  // What the entries reach; a cycle nothing else reaches gets an entry of its own.
  const reaches = new Map<string, string[]>();
  for (const [key, from] of reachedFrom) for (const f of from) (reaches.get(f) ?? reaches.set(f, []).get(f)!).push(key);
  const reached = new Set<string>();
  const visit = (start: string) => {
    const stack = [start];
    while (stack.length) {
      const k = stack.pop()!;
      if (reached.has(k)) continue;
      reached.add(k);
      for (const n of reaches.get(k) ?? []) stack.push(n);
    }
  };
  for (const key of entries) visit(key);
  for (const key of keys) {
    if (reached.has(key)) continue;
    entries.add(key);
    visit(key);
  }
  return entries;
}

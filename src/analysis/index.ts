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
import type { FuncIR, PackageIR } from "../ir/types.js";
import type { GoNode } from "../parse/node.js";
import { computeEscapes, computePairs } from "./conflicts.js";
import type { PackageFacts, SharedObject } from "./facts.js";
import { BudgetExceeded, Collector, MAX_DEPTH } from "./walk/common.js";
import { RootWalker } from "./walk/roots.js";
import { DEFAULT_ANALYSIS_OPTIONS, type AnalysisOptions } from "./framework.js";
import type { NoReturn } from "./base/noreturn.js";
import { MUTEX_TYPES, PARALLEL_METHOD, SPAWN_NAMES } from "./concurrency-api.js";
import { globalName, recvFirstField } from "./values.js";
import { TypeInference } from "../ir/infer.js";
import { underlying } from "../ir/index.js";
import { lookupMethod } from "../ir/lookup.js";
import { scopesOf } from "../ir/scopes.js";
import { derefType } from "../ir/type-expr.js";


export interface WalkedPackage {
  facts: PackageFacts;
  /** Abstract steps taken. */
  steps: number;
  /** Functions walked as entry points because they start goroutines or serve HTTP. */
  concurrentRoots: ReadonlySet<string>;
}

export function analyzePackage(ir: PackageIR, options: AnalysisOptions, noReturn: NoReturn): WalkedPackage {
  const col = new Collector();
  const infer = new TypeInference(ir);
  const walker = new RootWalker(ir, col, options.budget, noReturn, infer);
  const spawning = spawningFunctions(ir);
  let budgetExceeded = false;

  const funcs = [...ir.funcs.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
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
    } else if (spawning.has(fn.key)) {
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
    const mentions = new Mentions(ir);
    for (const fn of funcs) {
      if (!fn.exported && !isServeHTTP(fn)) continue;
      const names = fn.recv ? shared.types.get(fn.recv.typeName) : fn.recv === null ? shared.globals : undefined;
      const relevant = (names && mentions.any(fn, names, /* through fields */ !!fn.recv)) || (fn.recv !== null && shared.globals.size > 0 && mentions.any(fn, shared.globals, false));
      if (!relevant) continue;
      clientRoots.add(fn.key);
      if (!walked.has(fn.key)) walk(fn, "entry", false);
    }
  }

  const canonical = (k: string) => walker.canonicalKey(k);
  const pairs = computePairs(col, canonical, clientRoots);
  const objects = groupObjects(col, canonical);
  for (const p of pairs) p.object = col.accesses[p.a]!.object;
  return {
    facts: { objects, accesses: col.accesses, threads: col.threads, pairs, budgetExceeded: budgetExceeded || col.rootsDropped.length > 0 },
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
export function walkLockOwnerMethods(ir: PackageIR, budget: number, skip: ReadonlySet<string>, noReturn: NoReturn): { facts: PackageFacts; steps: number } {
  const col = new Collector();
  const walker = new RootWalker(ir, col, budget, noReturn, new TypeInference(ir));
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

/** Struct types with a sync.Mutex or sync.RWMutex field (named or embedded, by value or pointer). */
export function mutexOwningTypes(ir: PackageIR): string[] {
  const out: string[] = [];
  for (const [name, decl] of ir.types) {
    if (decl.type.k !== "struct") continue;
    const owns = decl.type.fields.some((f) => {
      const t = f.type.k === "ptr" ? f.type.elem : f.type;
      return t.k === "named" && t.pkg === "sync" && MUTEX_TYPES.includes(t.name);
    });
    if (owns) out.push(name);
  }
  return out.sort();
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
  private callees = new Map<string, FuncIR[]>();
  constructor(private ir: PackageIR) {}

  any(fn: FuncIR, names: Set<string>, asField: boolean): boolean {
    const re = new RegExp(`${asField ? "\\." : "\\b"}(?:${[...names].map(escapeRe).join("|")})\\b`);
    if (fn.body && re.test(fn.body.text)) return true;
    return this.calleesOf(fn).some((c) => !!c.body && re.test(c.body.text));
  }

  private calleesOf(fn: FuncIR): FuncIR[] {
    let out = this.callees.get(fn.key);
    if (out) return out;
    out = [];
    const names = new Set<string>();
    const stack: GoNode[] = fn.body ? [fn.body] : [];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === "call_expression") {
        const f = n.field("function");
        const name = f?.type === "selector_expression" ? f.field("field")?.text : f?.type === "identifier" ? f.text : undefined;
        if (name) names.add(name);
      }
      stack.push(...n.children);
    }
    for (const f of this.ir.funcs.values()) if (names.has(f.name) && f !== fn) out.push(f);
    this.callees.set(fn.key, out);
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
 * call in their body, or a call to such a function, no further than the
 * walker inlines (reverse edges of the package's call graph). `f()` can only
 * reach a package function named f (by name: over-approximate, which only
 * costs time); `x.m()` reaches the method the walker itself would resolve
 * from x's static type, or nothing. Mixing the two, and matching methods by
 * name, made names like `Start`, `init` or `Write` pull in most of the
 * runtime and crypto/tls packages.
 */
export function spawningFunctions(ir: PackageIR): Set<string> {
  const result = new Set<string>();
  /** Callers of package functions, by name (`f()`). */
  const funcCallers = new Map<string, Set<FuncIR>>();
  /**
   * Method calls (`x.m()`), by method name, resolved only when a method of
   * that name is found to spawn: typing an operand needs its file's scopes,
   * and building those for every file was most of this function's time
   * while few methods ever turn out to spawn.
   */
  const methodCalls = new Map<string, Array<{ caller: FuncIR; operand: GoNode; target?: FuncIR | null }>>();
  // `t.Run` starts concurrency only with a parallel subtest.
  const parallel = ir.files.some((f) => f.file.text.includes(`.${PARALLEL_METHOD}()`));
  for (const fn of ir.funcs.values()) {
    if (!fn.body) continue;
    let spawns = false;
    const stack: GoNode[] = [fn.body];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === "go_statement") spawns = true;
      else if (n.type === "call_expression") {
        const f = n.field("function");
        if (f?.type === "identifier") {
          let callers = funcCallers.get(f.text);
          if (!callers) funcCallers.set(f.text, (callers = new Set()));
          callers.add(fn);
        } else if (f?.type === "selector_expression") {
          const name = f.field("field")?.text;
          const operand = f.field("operand");
          // Only a parallel subtest makes `t.Run` concurrent.
          if (name && SPAWN_NAMES.has(name) && (name !== "Run" || parallel)) spawns = true;
          if (name && operand && !(operand.type === "identifier" && fn.file.imports.has(operand.text))) {
            let calls = methodCalls.get(name);
            if (!calls) methodCalls.set(name, (calls = []));
            calls.push({ caller: fn, operand });
          }
        }
      }
      const kids = n.children;
      for (let i = 0; i < kids.length; i++) stack.push(kids[i]!);
    }
    if (spawns) result.add(fn.key);
  }
  const callersOf = (fn: FuncIR): Iterable<FuncIR> => {
    if (!fn.recv) return funcCallers.get(fn.name) ?? [];
    // A call is typed once, however many spawning methods share its name.
    return (methodCalls.get(fn.name) ?? [])
      .filter((c) => {
        if (c.target === undefined) c.target = methodTarget(ir, c.caller, c.operand, fn.name);
        return c.target?.key === fn.key;
      })
      .map((c) => c.caller);
  };
  // Level by level, no further than the walker inlines calls: a root whose
  // spawn lies deeper would walk without ever reaching it.
  let level = [...result];
  for (let depth = 1; depth <= MAX_DEPTH && level.length; depth++) {
    const next: string[] = [];
    for (const key of level) {
      for (const caller of callersOf(ir.funcs.get(key)!)) {
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
 * The method of this package that `operand.name(...)` calls, as the walker
 * resolves it: by the operand's static type (typed through the file's
 * scopes). Null when there is none it could follow: a call through an
 * interface, on an imported type, or on a value of unknown type. Matching by
 * name instead made a hash's `Write` a call to crypto/tls's `(*Conn).Write`,
 * and every handshake step a root.
 */
function methodTarget(ir: PackageIR, fn: FuncIR, operand: GoNode, name: string): FuncIR | null {
  const base = derefType(scopesOf(ir, fn.file).typeOf(operand));
  if (base.k !== "named" || base.pkg !== null || underlying(ir, base).k === "iface") return null;
  return lookupMethod(ir, base, name)?.method ?? null;
}

export { TypeInference, DEFAULT_ANALYSIS_OPTIONS, type AnalysisOptions };

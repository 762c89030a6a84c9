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
import { computePairs } from "./conflicts.js";
import type { PackageFacts, SharedObject } from "./facts.js";
import { BudgetExceeded, Collector, RootWalker } from "./walker.js";
import { TypeInference } from "../ir/infer.js";

export interface AnalysisOptions {
  /** Upper bound on abstract steps for one package; past it the facts are partial. */
  budget: number;
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = { budget: 2_000_000 };

const SPAWN_CALLS = /\b(AfterFunc|HandleFunc|Handle|Go|Run)\s*\(/;

export function analyzePackage(ir: PackageIR, options: AnalysisOptions = DEFAULT_ANALYSIS_OPTIONS): PackageFacts {
  const col = new Collector();
  const infer = new TypeInference(ir);
  const walker = new RootWalker(ir, col, options.budget, infer);
  const spawning = spawningFunctions(ir);
  let budgetExceeded = false;

  const funcs = [...ir.funcs.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const walk = (fn: FuncIR, kind: "entry" | "handler", multi: boolean) => {
    if (budgetExceeded) return;
    try {
      walker.walkRoot(fn, kind, multi);
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
  const anyEscapes = col.threads.some((t) => t.parent !== null);
  const clientRoots = new Set<string>();
  if (anyEscapes) {
    for (const fn of funcs) {
      if (!fn.exported && !isServeHTTP(fn)) continue;
      clientRoots.add(fn.key);
      if (!walked.has(fn.key)) walk(fn, "entry", false);
    }
  }

  // Methods of types that own a mutex declare themselves concurrent: their field
  // accesses (with the locks held) are what inconsistent-field-lock compares.
  for (const typeName of mutexOwningTypes(ir)) {
    for (const fn of [...(ir.methods.get(typeName)?.values() ?? [])].sort((a, b) => (a.key < b.key ? -1 : 1))) {
      if (!walked.has(fn.key)) {
        walk(fn, "entry", false);
        walked.add(fn.key);
      }
    }
  }

  const canonical = (k: string) => walker.canonicalKey(k);
  const pairs = computePairs(col, canonical, clientRoots);

  // Objects are grouped by canonical identity, so `go-hazard facts` shows one object per field/variable.
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
  for (const p of pairs) p.object = col.accesses[p.a]!.object;
  return { objects, accesses: col.accesses, threads: col.threads, pairs, budgetExceeded };
}

/** Struct types with a sync.Mutex or sync.RWMutex field (named or embedded, by value or pointer). */
export function mutexOwningTypes(ir: PackageIR): string[] {
  const out: string[] = [];
  for (const [name, decl] of ir.types) {
    if (decl.type.k !== "struct") continue;
    const owns = decl.type.fields.some((f) => {
      const t = f.type.k === "ptr" ? f.type.elem : f.type;
      return t.k === "named" && t.pkg === "sync" && (t.name === "Mutex" || t.name === "RWMutex");
    });
    if (owns) out.push(name);
  }
  return out.sort();
}

function isServeHTTP(fn: FuncIR): boolean {
  return fn.recv !== null && fn.name === "ServeHTTP" && fn.params.length === 2;
}

/**
 * Functions that may start goroutines: a `go` statement or a spawner-looking
 * call in their body, or a call to such a function (fixpoint over the package's
 * call graph by name — cheap and over-approximate, which only costs time).
 */
export function spawningFunctions(ir: PackageIR): Set<string> {
  const direct = new Set<string>();
  const callsByFn = new Map<string, Set<string>>();
  for (const fn of ir.funcs.values()) {
    if (!fn.body) continue;
    const calls = new Set<string>();
    let spawns = false;
    const stack: GoNode[] = [fn.body];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === "go_statement") spawns = true;
      else if (n.type === "call_expression") {
        const f = n.field("function");
        if (f) {
          const name = f.type === "selector_expression" ? f.field("field")?.text : f.type === "identifier" ? f.text : undefined;
          if (name) calls.add(name);
          if (SPAWN_CALLS.test(f.text + "(")) spawns = true;
        }
      }
      for (const c of n.children) stack.push(c);
    }
    if (spawns) direct.add(fn.key);
    callsByFn.set(fn.key, calls);
  }
  const spawningNames = new Set([...direct].map((k) => ir.funcs.get(k)!.name));
  const result = new Set(direct);
  let changed = true;
  while (changed) {
    changed = false;
    for (const [key, calls] of callsByFn) {
      if (result.has(key)) continue;
      for (const c of calls) {
        if (spawningNames.has(c)) {
          result.add(key);
          spawningNames.add(ir.funcs.get(key)!.name);
          changed = true;
          break;
        }
      }
    }
  }
  return result;
}

export { TypeInference };

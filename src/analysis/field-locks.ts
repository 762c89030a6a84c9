/**
 * The field-locks analyzer: map and slice fields of a struct that the
 * struct's own code accesses with a mutex held almost everywhere, and the
 * accesses that hold it not. The majority is the specification ("this field
 * is guarded by mu"); the odd access out is the bug (the GCatch/RacerD
 * "inconsistent lock" idea). It needs no second goroutine in sight: the type
 * declares itself concurrent by owning a mutex, or is used from a goroutine
 * or an HTTP handler.
 *
 * Accesses come from the race walk and from a walk of its own: the methods of
 * mutex-owning types that the race walk did not take as entry points, each
 * walked as one (calls followed three deep).
 *
 * Units: the uses of a field are grouped by the code that runs as one piece:
 * an entry point (a method or function called from outside, with the package
 * calls it makes inlined by the analysis) on its own goroutine, or a
 * goroutine (identified by its `go` statement, whichever entry point
 * started it). A unit is guarded by L when every access to the field in it
 * holds L (any mode), unguarded when one of its accesses holds no lock.
 *
 * What doesn't count: constructor code before publication (an `alloc:` raw
 * key on the constructor's own goroutine; goroutines it starts do count);
 * accesses under a lock the analysis could not identify; `_test.go` files;
 * and the walk of a helper taken as its own entry point when its callers
 * decide: unexported functions, `...Locked` and `Unsafe...` ones, and those documented as
 * "caller holds the lock" (or "must not be called concurrently"). Such a helper is seen inside its callers' units
 * instead, so one caller that reaches it without the lock makes that caller's
 * unit unguarded, and the helper's access is reported with that caller named.
 *
 * Thresholds (per field): a lock L guards at least 3 units and at least 75%
 * of the field's units, at least one counted access writes, and the struct
 * owns a mutex or the field is used on a goroutine/handler/callback.
 */
import type { Access, HeldLock, PackageFacts, SharedObject } from "./facts.js";
import { emptyFacts, sliceEffects, WRITE_KINDS } from "./facts.js";
import { walkLockOwnerMethods } from "./walk/package-walk.js";
import { mutexOwningTypes } from "./concurrency-api.js";
import { defineAnalyzer } from "./framework.js";
import { racesAnalyzer } from "./races.js";
import { noReturnAnalyzer } from "./base/noreturn.js";
import { isAllocValue, isRecvValue, recvField } from "./values.js";
import type { FuncIR, PackageIR } from "../ir/types.js";
import type { GoNode } from "../parse/node.js";

/** Minimum number of units (entry points, goroutines) in which the majority lock guards every access. */
export const MIN_PROTECTED_UNITS = 3;
/** Minimum share of the field's units the majority lock guards. */
export const MIN_PROTECTED_SHARE = 0.75;

export interface FieldLocks {
  /** The accesses compared: the race walk's and this analyzer's own walk's (empty when a budget ran out). */
  facts: PackageFacts;
  findings: FieldLockFinding[];
  /** A walk ran out of steps: nothing is reported (the guarded side may be missing). */
  budgetExceeded: boolean;
}

export const fieldLocksAnalyzer = defineAnalyzer<FieldLocks>({
  name: "field-locks",
  doc: `Map and slice fields accessed without the mutex that guards them almost everywhere else.

Reads the race walk's accesses and walks, on what is left of the package's
budget, the methods of mutex-owning types the race walk did not start from.`,
  requires: [racesAnalyzer, noReturnAnalyzer],
  run(pass) {
    const races = pass.resultOf(racesAnalyzer);
    // Partial facts may miss the guarded side: stay quiet.
    if (races.budgetExceeded) return { facts: emptyFacts(), findings: [], budgetExceeded: true };
    const own = walkLockOwnerMethods(pass.ir, pass.options, pass.options.budget - races.steps, races.concurrentRoots, pass.resultOf(noReturnAnalyzer));
    if (own.facts.budgetExceeded) return { facts: emptyFacts(), findings: [], budgetExceeded: true };
    const facts = merge(races, own.facts);
    return { facts, findings: compute(pass.ir, facts), budgetExceeded: false };
  },
  toJSON: (r) => ({
    budgetExceeded: r.budgetExceeded,
    findings: r.findings.map((f) => ({
      field: f.object,
      lock: f.lock,
      unguarded: `${f.site.span.file}:${f.site.span.line}:${f.site.span.column} ${f.site.kind} ${f.site.text}`,
      guardedIn: `${f.protected.length} of ${f.total}`,
      guarded: f.protected.map((p) => `${p.span.file}:${p.span.line} (${p.root})`),
    })),
  }),
  partial: (r) => r.budgetExceeded,
});

/**
 * One view of both walks' accesses, grouped by canonical identity (the race
 * walk's objects first, in their order, then those only the second walk saw).
 */
function merge(a: PackageFacts, b: PackageFacts): PackageFacts {
  const accesses: Access[] = [];
  const threads = [...a.threads];
  const objects: SharedObject[] = [];
  const byKey = new Map<string, SharedObject>();
  const add = (facts: PackageFacts, threadBase: number) => {
    for (const o of facts.objects) {
      let m = byKey.get(o.key);
      if (!m) byKey.set(o.key, (m = { ...o, id: objects.length, accesses: [] }));
      if (m.id === objects.length) objects.push(m);
      for (const id of o.accesses) {
        const x = facts.accesses[id]!;
        const copy = { ...x, id: accesses.length, object: m.id, thread: x.thread + threadBase };
        accesses.push(copy);
        m.accesses.push(copy.id);
      }
    }
  };
  add(a, 0);
  for (const t of b.threads) threads.push({ ...t, id: t.id + a.threads.length, parent: t.parent === null ? null : t.parent + a.threads.length });
  add(b, a.threads.length);
  return { objects, accesses, threads, pairs: [], budgetExceeded: false };
}

export interface FieldLockFinding {
  /** The unprotected access to report. */
  site: Access;
  object: string;
  lock: string;
  /** One access per protected unit. */
  protected: Access[];
  total: number;
  how: string;
  shared: string;
  consequence: string;
}

/** The code that runs as one piece: an entry point's own goroutine, or a goroutine (by where it is started). */
interface Unit {
  label: string;
  accesses: Access[];
}

const CALLER_HOLDS = /\bheld\b|\bmust hold\b|\bcallers? (must )?holds?\b|\bwith [\w.]+ (locked|held)\b|\bunder (the )?lock\b|\block must be held\b|\bnot (be )?(called )?concurrent(ly)?\b|\bnot safe for concurrent\b/i;

function compute(ir: PackageIR, facts: PackageFacts): FieldLockFinding[] {
  const mutexTypes = new Set(mutexOwningTypes(ir));
  const out: FieldLockFinding[] = [];
  for (const obj of facts.objects) {
    const f = recvField(obj.key);
    if (!f) continue;
    const typeName = f.type;
    const field = f.field;
    if (!ir.types.has(typeName)) continue;

    // Group the counted accesses into units.
    const units = new Map<string, Unit>();
    for (const id of obj.accesses) {
      const a = facts.accesses[id]!;
      if (a.span.file.endsWith("_test.go") || a.unknownLock || !countsAsPublished(facts, a)) continue;
      // Reads through a copy of the field's slice (`blocks := db.Blocks()`, taken under the
      // lock) read no field: what the lock guards is the header.
      if (a.viaCopy && !sliceEffects(a.kind, true).writesElems) continue;
      const t = facts.threads[a.thread]!;
      let key: string;
      let label: string;
      if (t.parent === null) {
        const root = ir.funcs.get(a.root);
        // A helper walked as its own entry point: its callers decide.
        if (root && callersDecide(root)) continue;
        key = `root:${a.root}`;
        label = a.root;
      } else {
        const site = t.site ? `${t.site.span.file}:${t.site.span.line}:${t.site.span.column}` : `thread:${t.id}`;
        key = `go:${site}`;
        label = t.label;
      }
      let u = units.get(key);
      if (!u) units.set(key, (u = { label, accesses: [] }));
      u.accesses.push(a);
    }
    if (!units.size) continue;
    if (![...units.values()].some((u) => u.accesses.some((a) => WRITE_KINDS.has(a.kind)))) continue;
    const concurrentThread = [...units.values()].some((u) => u.accesses.some((a) => facts.threads[a.thread]!.kind !== "entry"));
    if (!mutexTypes.has(typeName) && !concurrentThread) continue;

    // Decide each unit: unprotected if any access holds no lock; else the locks every access holds.
    const unprotected: Access[][] = [];
    const byLock = new Map<string, { lock: HeldLock; units: Access[] }>();
    let total = 0;
    for (const u of units.values()) {
      total++;
      const bare = u.accesses.filter((a) => a.locks.length === 0);
      if (bare.length) {
        unprotected.push(bare);
        continue;
      }
      let common = new Map(u.accesses[0]!.locks.map((l) => [l.key, l]));
      for (const a of u.accesses.slice(1)) {
        const keys = new Set(a.locks.map((l) => l.key));
        common = new Map([...common].filter(([k]) => keys.has(k)));
      }
      for (const [k, l] of common) {
        let e = byLock.get(k);
        if (!e) byLock.set(k, (e = { lock: l, units: [] }));
        e.units.push(u.accesses[0]!);
      }
    }
    if (!unprotected.length) continue;
    const best = [...byLock.entries()].sort((x, y) => y[1].units.length - x[1].units.length || (x[0] < y[0] ? -1 : 1))[0];
    if (!best) continue;
    const { lock, units: guarded } = best[1];
    if (guarded.length < MIN_PROTECTED_UNITS || guarded.length / total < MIN_PROTECTED_SHARE) continue;

    const object = `${typeName}.${field}`;
    const shared = mutexTypes.has(typeName) ? `${typeName} owns a mutex, so its values are meant to be shared between goroutines` : `${typeName} is used from several goroutines`;
    guarded.sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.line - b.span.line));
    const seen = new Set<GoNode>();
    for (const bare of unprotected) {
      for (const w of bare) {
        if (seen.has(w.node)) continue;
        seen.add(w.node);
        const last = w.via[w.via.length - 1];
        const t = facts.threads[w.thread]!;
        const how =
          t.parent !== null
            ? `Here it runs on a goroutine (${t.label}) that takes no lock`
            : last
              ? `Here it is reached from ${w.root} (call at ${last.span.file}:${last.span.line}) with no lock held`
              : `${w.function} takes no lock before this access`;
        const consequence = obj.kind === "map" ? "concurrent map access aborts the program" : "concurrent appends and element writes lose or corrupt data";
        out.push({ site: w, object, lock: lock.name, protected: guarded, total, how, shared, consequence });
      }
    }
  }
  return out;
}

/**
 * Unexported functions, `...Locked` and `Unsafe...` ones (etcd's `UnsafeRange`: the caller
 * holds the lock) and those documented as "caller holds the lock": judged through their callers.
 */
function callersDecide(fn: FuncIR): boolean {
  return !fn.exported || /locked$/i.test(fn.name) || /^Unsafe[A-Z]/.test(fn.name) || documentedCallerHolds(fn);
}

/**
 * Published accesses: through a method's receiver (`recv:`), or on a goroutine
 * that a constructor starts (`alloc:` off the constructor's own goroutine).
 * Constructor code before publication is not a concurrent access.
 */
function countsAsPublished(facts: PackageFacts, a: Access): boolean {
  if (isRecvValue(a.key)) return true;
  if (isAllocValue(a.key)) return facts.threads[a.thread]!.parent !== null;
  return false;
}

/** The doc comment above the function says the caller holds the lock. */
function documentedCallerHolds(fn: FuncIR): boolean {
  const src = fn.node.start;
  const text = fn.file.file.text ?? "";
  const before = text.slice(Math.max(0, src - 800), src).split("\n");
  const lines: string[] = [];
  for (let i = before.length - 2; i >= 0; i--) {
    const l = before[i]!.trim();
    if (!l.startsWith("//")) break;
    lines.unshift(l.slice(2));
  }
  return CALLER_HOLDS.test(lines.join(" "));
}

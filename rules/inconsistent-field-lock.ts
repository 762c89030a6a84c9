/**
 * inconsistent-field-lock: a map or slice field of a struct that the struct's
 * own code accesses with a mutex held almost everywhere, and without it here.
 * The majority is the specification ("this field is guarded by mu"); the odd
 * access out is the bug (the GCatch/RacerD "inconsistent lock" idea). It
 * needs no second goroutine in sight: the type declares itself concurrent by
 * owning a mutex, or is used from a goroutine or an HTTP handler.
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
 * decide: unexported functions, `...Locked` ones, and those documented as
 * "caller holds the lock" (or "must not be called concurrently"). Such a helper is seen inside its callers' units
 * instead, so one caller that reaches it without the lock makes that caller's
 * unit unguarded, and the helper's access is reported with that caller named.
 *
 * Thresholds (per field): a lock L guards at least 3 units and at least 75%
 * of the field's units, at least one counted access writes, and the struct
 * owns a mutex or the field is used on a goroutine/handler/callback.
 */
import type { Access, HeldLock, PackageFacts } from "../src/analysis/facts.js";
import { WRITE_KINDS } from "../src/analysis/facts.js";
import { mutexOwningTypes } from "../src/analysis/index.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import type { GoRule } from "../src/eslint/rule.js";
import type { FuncIR, PackageIR } from "../src/ir/types.js";
import type { GoNode } from "../src/parse/node.js";
import { servicesOf, verb } from "./util/race.js";

/** Minimum number of units (entry points, goroutines) in which the majority lock guards every access. */
export const MIN_PROTECTED_UNITS = 3;
/** Minimum share of the field's units the majority lock guards. */
export const MIN_PROTECTED_SHARE = 0.75;

export const inconsistentFieldLock: GoRule = {
  meta: {
    type: "problem",
    docs: {
      description: "A struct field is accessed without the mutex that guards it everywhere else.",
      checklist: ["DP-1"],
      cwe: [362, 820],
      category: "concurrency",
      defaultSeverity: "warning",
      precision: "high",
      securitySeverity: "5.9",
      recommended: true,
    },
    messages: {
      inconsistent:
        "{{object}} is {{verb}} without {{lock}}, which is held around it in {{protected}} of the {{total}} methods and goroutines that use it. {{how}}. {{shared}}; unguarded, this access can race with the guarded ones ({{consequence}}). Take {{lock}} here too, or, if every caller already holds it, say so by naming the function ...Locked.",
    },
    schema: [],
    languages: ["go-hazard/go"],
  },
  create(context) {
    return {
      source_file() {
        const services = servicesOf(context);
        if (!services) return;
        const { ir } = services;
        const here = services.file.file.relPath;
        // Cheap exit: only files with methods of struct types can hold such accesses.
        if (!ir.methods.size) return;
        const facts = services.facts;
        for (const f of findings(ir, facts)) {
          if (f.site.span.file !== here) continue;
          const a = f.site;
          reportWithEvidence(
            context,
            {
              node: a.node,
              messageId: "inconsistent",
              data: { object: f.object, verb: verb(a), lock: f.lock, protected: f.protected.length, total: f.total, how: f.how, shared: f.shared, consequence: f.consequence },
            },
            {
              related: f.protected.slice(0, 3).map((p) => ({ ...p.span, message: `${f.object} ${verb(p)} with ${f.lock} held (${p.root})` })),
              fingerprintParts: [f.object, a.kind, a.function, f.lock],
              function: a.function,
              object: f.object,
            },
          );
        }
      },
    };
  },
};

interface Finding {
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

const cache = new WeakMap<PackageFacts, Finding[]>();

function findings(ir: PackageIR, facts: PackageFacts): Finding[] {
  let out = cache.get(facts);
  if (!out) cache.set(facts, (out = compute(ir, facts)));
  return out;
}

const FIELD_KEY = /^recv:(\w+)\.(\w+)$/;
const CALLER_HOLDS = /\bheld\b|\bmust hold\b|\bcallers? (must )?holds?\b|\bwith [\w.]+ (locked|held)\b|\bunder (the )?lock\b|\block must be held\b|\bnot (be )?(called )?concurrent(ly)?\b|\bnot safe for concurrent\b/i;

function compute(ir: PackageIR, facts: PackageFacts): Finding[] {
  // Partial facts may miss the guarded side: stay quiet.
  if (facts.budgetExceeded) return [];
  const mutexTypes = new Set(mutexOwningTypes(ir));
  const out: Finding[] = [];
  for (const obj of facts.objects) {
    const m = FIELD_KEY.exec(obj.key);
    if (!m) continue;
    const typeName = m[1]!;
    const field = m[2]!;
    if (!ir.types.has(typeName)) continue;

    // Group the counted accesses into units.
    const units = new Map<string, Unit>();
    for (const id of obj.accesses) {
      const a = facts.accesses[id]!;
      if (a.span.file.endsWith("_test.go") || a.unknownLock || !countsAsPublished(facts, a)) continue;
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

/** Unexported functions, `...Locked` ones and those documented as "caller holds the lock": judged through their callers. */
function callersDecide(fn: FuncIR): boolean {
  return !fn.exported || /locked$/i.test(fn.name) || documentedCallerHolds(fn);
}

/**
 * Published accesses: through a method's receiver (`recv:`), or on a goroutine
 * that a constructor starts (`alloc:` off the constructor's own goroutine).
 * Constructor code before publication is not a concurrent access.
 */
function countsAsPublished(facts: PackageFacts, a: Access): boolean {
  if (a.key.startsWith("recv:")) return true;
  if (a.key.startsWith("alloc:")) return facts.threads[a.thread]!.parent !== null;
  return false;
}

/** The doc comment above the function says the caller holds the lock. */
function documentedCallerHolds(fn: FuncIR): boolean {
  const src = fn.node.range[0];
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

/**
 * `go-hazard facts`: the analysis facts as JSON, so anyone can see why a
 * finding exists or doesn't: every shared object with its accesses (kind,
 * goroutine, locks held, position), the goroutines, and the conflicting pairs.
 */
import type { PackageIR } from "../ir/types.js";
import type { Access, PackageFacts } from "./facts.js";

function where(a: Access): string {
  return `${a.span.file}:${a.span.line}:${a.span.column}`;
}

export function factsToJson(_ir: PackageIR, facts: PackageFacts): unknown {
  const access = (id: number) => {
    const a = facts.accesses[id]!;
    return {
      id: a.id,
      kind: a.kind,
      text: a.text,
      at: where(a),
      goroutine: a.thread,
      function: a.function,
      entry: a.root,
      locks: a.locks.map((l) => `${l.name} (${l.mode})`),
      ...(a.unknownLock ? { unknownLock: true } : {}),
      via: a.via.map((s) => `${s.label} at ${s.span.file}:${s.span.line}`),
    };
  };
  return {
    budgetExceeded: facts.budgetExceeded,
    goroutines: facts.threads.map((t) => ({
      id: t.id,
      label: t.label,
      kind: t.kind,
      manyInstances: t.multi,
      parent: t.parent,
      startedAt: t.site ? `${t.site.span.file}:${t.site.span.line}` : null,
      outlivesEntry: t.escapes,
      entry: t.root,
    })),
    objects: facts.objects.map((o) => ({
      id: o.id,
      name: o.name,
      identity: o.key,
      kind: o.kind,
      type: o.type,
      created: o.created ? `${o.created.file}:${o.created.line}` : null,
      accesses: o.accesses.map(access),
    })),
    conflicts: facts.pairs.map((p) => ({
      object: facts.objects[p.object]?.name,
      a: where(facts.accesses[p.a]!) + ` ${facts.accesses[p.a]!.kind} ${facts.accesses[p.a]!.text}`,
      b: where(facts.accesses[p.b]!) + ` ${facts.accesses[p.b]!.kind} ${facts.accesses[p.b]!.text}`,
      reason: p.reason,
      acrossEntryPoints: p.crossRoot,
    })),
  };
}

/**
 * Member lookup on package types: fields and methods, including those promoted
 * through embedded fields (breadth-first, so the shallowest one wins as in Go).
 */
import { derefType } from "./type-expr.js";
import { underlying } from "./index.js";
import type { FieldIR, FuncIR, GoType, PackageIR } from "./types.js";

export interface FieldHit {
  field: FieldIR;
  /** Embedded field names walked through before the field itself. */
  hops: string[];
}

export interface MethodHit {
  method: FuncIR;
  hops: string[];
}

const NO_HOPS: string[] = Object.freeze([]) as unknown as string[];

/** Name of the package-declared type behind `t` (through one pointer), if any. */
export function localTypeName(t: GoType): string | null {
  const base = derefType(t);
  return base.k === "named" && base.pkg === null ? base.name : null;
}

/** The map type behind `t` (through local named types), or null. */
export function mapType(ir: PackageIR, t: GoType): Extract<GoType, { k: "map" }> | null {
  const u = underlying(ir, t);
  return u.k === "map" ? u : null;
}

/** A package function (no receiver) whose results include `T` or `*T`: it builds fresh values of T. */
export function isConstructorOf(fn: FuncIR, typeName: string): boolean {
  return fn.recv === null && fn.results.some((r) => localTypeName(r.type) === typeName);
}

function structOf(ir: PackageIR, t: GoType): FieldIR[] | null {
  const u = underlying(ir, derefType(t));
  return u.k === "struct" ? u.fields : null;
}

/**
 * Breadth-first search of `t` and the types it embeds (depth by depth, as Go's
 * selector rules do), returning the first hit of `probe` with the embedded
 * field names walked through.
 */
function searchEmbedded<T>(ir: PackageIR, t: GoType, probe: (type: GoType) => T | undefined): { hit: T; hops: string[] } | null {
  // Most lookups hit on the type itself: no frontier, no seen-set.
  const direct = probe(t);
  if (direct !== undefined) return { hit: direct, hops: NO_HOPS };
  let frontier: Array<{ type: GoType; hops: string[] }> = [{ type: t, hops: [] }];
  const seen = new Set<string>();
  for (let depth = 0; depth < 6 && frontier.length; depth++) {
    const next: typeof frontier = [];
    for (const { type, hops } of frontier) {
      const hit = probe(type);
      if (hit !== undefined) return { hit, hops };
      for (const f of structOf(ir, type) ?? []) {
        if (!f.embedded) continue;
        const key = localTypeName(f.type) ?? f.name;
        if (seen.has(key)) continue;
        seen.add(key);
        next.push({ type: f.type, hops: [...hops, f.name] });
      }
    }
    frontier = next;
  }
  return null;
}

export function lookupField(ir: PackageIR, t: GoType, name: string): FieldHit | null {
  const r = searchEmbedded(ir, t, (type) => structOf(ir, type)?.find((f) => f.name === name));
  return r ? { field: r.hit, hops: r.hops } : null;
}

export function lookupMethod(ir: PackageIR, t: GoType, name: string): MethodHit | null {
  const r = searchEmbedded(ir, t, (type) => {
    const typeName = localTypeName(type);
    return typeName ? ir.methods.get(typeName)?.get(name) : undefined;
  });
  return r ? { method: r.hit, hops: r.hops } : null;
}

/** For `x.Lock()` on a struct that embeds a sync type: the embedded field's name and type (`Mutex`, `RWMutex`, ...). */
export function embeddedSyncField(ir: PackageIR, t: GoType, names: readonly string[]): FieldHit | null {
  for (const n of names) {
    const hit = lookupField(ir, t, n);
    if (hit && hit.field.embedded) {
      const ft = derefType(hit.field.type);
      if (ft.k === "named" && ft.pkg === "sync") return hit;
    }
  }
  return null;
}

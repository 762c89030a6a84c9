/**
 * A small JSON Schema (draft-07) validator: just the keywords
 * schema/go-hazard.schema.json uses (type, enum, const, properties,
 * additionalProperties, propertyNames, items, minItems, maxItems, minimum,
 * maximum, minLength, pattern, oneOf, anyOf, $ref to #/definitions/...).
 * It returns the first problem as a one-line message naming the key, which is
 * what a config error needs; a general validator would report every branch
 * of a oneOf.
 */

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema | JsonSchema[];
  additionalItems?: boolean | JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  examples?: unknown[];
  definitions?: Record<string, JsonSchema>;
  [other: string]: unknown;
};

export interface SchemaProblem {
  /** `rules.map-race`, `include[2]`, or "" for the document itself. */
  path: string;
  message: string;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeMatches(v: unknown, type: string): boolean {
  const t = typeOf(v);
  return t === type || (type === "number" && t === "integer");
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function childPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  return base === "" ? key : `${base}.${key}`;
}

/** Levenshtein distance, for "did you mean" on unknown keys. */
function distance(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dd = distance(name, c);
    if (dd < bestD) {
      bestD = dd;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

export class SchemaValidator {
  constructor(private readonly root: JsonSchema) {}

  private deref(s: JsonSchema): JsonSchema {
    let cur = s;
    for (let guard = 0; cur.$ref !== undefined && guard < 32; guard++) {
      const m = /^#\/definitions\/(.+)$/.exec(cur.$ref);
      const target = m ? this.root.definitions?.[m[1]!] : undefined;
      if (!target) throw new Error(`unsupported $ref ${cur.$ref}`);
      // Sibling keywords of $ref are ignored in draft-07, except annotations.
      cur = target;
    }
    return cur;
  }

  /** The first problem, or null when `value` is valid. */
  validate(value: unknown, schema: JsonSchema = this.root, path = ""): SchemaProblem | null {
    const s = this.deref(schema);
    const fail = (message: string, at = path): SchemaProblem => ({ path: at, message });

    if (s.oneOf || s.anyOf) {
      const branches = (s.oneOf ?? s.anyOf)!.map((b) => this.deref(b));
      const results = branches.map((b) => this.validate(value, b, path));
      const ok = results.filter((r) => r === null).length;
      if (s.oneOf ? ok !== 1 : ok === 0) {
        if (ok > 1) return fail("matches more than one alternative");
        // Report the problem of the branch meant for this kind of value.
        const t = typeOf(value);
        const idx = branches.findIndex((b) => this.acceptsType(b, t));
        if (idx >= 0) return results[idx]!;
        const kinds = [...new Set(branches.map((b) => this.describe(b)))];
        return fail(`must be ${kinds.join(" or ")} (got ${show(value)})`);
      }
    }

    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((t) => typeMatches(value, t))) return fail(`must be ${types.map(article).join(" or ")} (got ${show(value)})`);
    }
    if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
      return fail(`must be one of ${s.enum.map(show).join(", ")} (got ${show(value)})`);
    }
    if ("const" in s && JSON.stringify(s.const) !== JSON.stringify(value)) return fail(`must be ${show(s.const)}`);

    if (typeof value === "string") {
      if (s.minLength !== undefined && value.length < s.minLength) {
        return fail(s.minLength === 1 ? "must not be empty" : `must be at least ${s.minLength} characters long`);
      }
      if (s.pattern !== undefined && !new RegExp(s.pattern, "u").test(value)) {
        const ex = s.examples && s.examples.length > 0 ? `must look like ${s.examples.map(show).join(" or ")}` : `must match ${s.pattern}`;
        return fail(`${ex} (got ${show(value)})`);
      }
    }
    if (typeof value === "number") {
      if (s.minimum !== undefined && value < s.minimum) return fail(`must be at least ${s.minimum} (got ${value})`);
      if (s.maximum !== undefined && value > s.maximum) return fail(`must be at most ${s.maximum} (got ${value})`);
    }

    if (Array.isArray(value)) {
      if (s.minItems !== undefined && value.length < s.minItems) {
        return fail(s.minItems === 1 ? "must not be empty" : `must have at least ${s.minItems} items`);
      }
      if (s.maxItems !== undefined && value.length > s.maxItems) return fail(`must have at most ${s.maxItems} items`);
      if (Array.isArray(s.items)) {
        for (let i = 0; i < value.length; i++) {
          const sub = i < s.items.length ? s.items[i]! : s.additionalItems;
          if (sub === false) return fail(`must have at most ${s.items.length} items`);
          if (sub === undefined || sub === true) continue;
          const p = this.validate(value[i], sub, childPath(path, i));
          if (p) return p;
        }
      } else if (s.items) {
        for (let i = 0; i < value.length; i++) {
          const p = this.validate(value[i], s.items, childPath(path, i));
          if (p) return p;
        }
      }
    }

    if (typeOf(value) === "object") {
      const obj = value as Record<string, unknown>;
      const props = s.properties ?? {};
      for (const key of Object.keys(obj)) {
        const at = childPath(path, key);
        if (s.propertyNames) {
          const p = this.validate(key, s.propertyNames, at);
          if (p) return fail(`bad key ${show(key)}`, at);
        }
        if (key in props) {
          const p = this.validate(obj[key], props[key]!, at);
          if (p) return p;
        } else if (s.additionalProperties === false) {
          const hint = closest(key, Object.keys(props).filter((k) => !k.startsWith("$")));
          return fail(`unknown key ${show(key)}${hint ? ` (did you mean "${hint}"?)` : ""}; known keys: ${Object.keys(props).join(", ")}`, at);
        } else if (typeof s.additionalProperties === "object") {
          const p = this.validate(obj[key], s.additionalProperties, at);
          if (p) return p;
        }
      }
    }
    return null;
  }

  private acceptsType(s: JsonSchema, t: string): boolean {
    if (s.type !== undefined) return (Array.isArray(s.type) ? s.type : [s.type]).some((x) => x === t || (x === "number" && t === "integer"));
    if (s.enum) return s.enum.some((e) => typeOf(e) === t);
    return false;
  }

  private describe(s: JsonSchema): string {
    if (s.enum) return `one of ${s.enum.map(show).join(", ")}`;
    if (s.type !== undefined) return (Array.isArray(s.type) ? s.type : [s.type]).map(article).join(" or ");
    return "a valid value";
  }
}

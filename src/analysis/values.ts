/**
 * Abstract value identities: what the race walk says a variable, field or
 * element holds. An identity is a root (an allocation, a package variable,
 * a receiver of a type, a local symbol, a function value, a Once) and a path
 * of steps below it (`.field`, `[]` for any element, `[k]` for a constant
 * key, `[start:]` for a window into an array).
 *
 * One canonical form, a string, because the walk keeps identities in sets and
 * maps by the hundred thousand: `alloc:a.go:120@7.items[]`, `recv:Cache.mu`,
 * `global:cache`, `sym:17`. This module is the only place that builds or
 * takes those strings apart; `parseValue` gives the typed view.
 */

export type ValueKind = "alloc" | "global" | "recv" | "sym" | "param" | "fn" | "once";

export type PathStep = { k: "field"; name: string } | { k: "elem" } | { k: "key"; literal: string } | { k: "window"; start: string };

export interface Value {
  kind: ValueKind;
  /** The root without its path: `alloc:a.go:120@7`, `recv:Cache`. */
  root: string;
  path: PathStep[];
}

/** Longest access path kept: `n = n.next` in a loop must not grow identities without end. */
export const MAX_PATH_STEPS = 8;
const MAX_ID_LENGTH = 400;

// ---- roots -------------------------------------------------------------------

/** A make/new/composite literal at `offset` of `file`, in one activation (two calls make two values). */
export function allocValue(file: string, offset: number, invocation: number): string {
  return `alloc:${file}:${offset}@${invocation}`;
}

export function globalValue(name: string): string {
  return `global:${name}`;
}

/** Any receiver of the package type `typeName`: what methods and clients of the type share. */
export function recvValue(typeName: string): string {
  return `recv:${typeName}`;
}

export function symValue(id: number): string {
  return `sym:${id}`;
}

/**
 * A function's receiver or parameter, as its summary sees it: replaced by the
 * caller's values when the summary is replayed. `recv`, or the parameter's index.
 */
export function paramValue(which: number | "recv"): string {
  return `param:${which}`;
}

/** A declared function or method value (with the receivers it is bound to). */
export function funcValue(declKey: string, receivers: readonly string[]): string {
  return `fn:${declKey}:${receivers.join("|")}`;
}

/** A function literal value, unique per evaluation (`serial`). */
export function literalValue(file: string, offset: number, serial: number): string {
  return `fn:lit:${file}:${offset}:${serial}`;
}

/** The function literal value with its serial dropped: one per literal (the recursion guard's identity). */
export function literalSite(value: string): string {
  return value.replace(/:\d+$/, "");
}

/** The declared function and bound receivers of a function value made by `funcValue`, or null. */
export function parseFuncValue(value: string): { declKey: string; receivers: string[] } | null {
  if (!value.startsWith("fn:") || value.startsWith("fn:lit:")) return null;
  // `fn:<declKey>:<receivers>`: declKeys hold no `:`, receivers may.
  const rest = value.slice(3);
  const colon = rest.indexOf(":");
  if (colon < 0) return null;
  const receivers = rest.slice(colon + 1);
  return { declKey: rest.slice(0, colon), receivers: receivers ? receivers.split("|") : [] };
}

/** A sync.Once the walk could not identify otherwise, named by its text. */
export function onceValue(text: string): string {
  return `once:${text}`;
}

// ---- paths -------------------------------------------------------------------

/** `base` + `.field` (a dotted path of embedded hops and the field); null past the path limit. */
export function fieldOf(base: string, dottedPath: string): string | null {
  return derive(base, `.${dottedPath}`);
}

/** Any element of `base` (slice, array, map value). */
export function elemOf(base: string): string | null {
  return derive(base, "[]");
}

/** The map value under a constant key: two constant keys are two values. */
export function keyedElemOf(base: string, literal: string): string | null {
  return derive(base, `[${literal}]`);
}

/**
 * A window `base[start:]` into an array: its own value (a header and a body
 * are usually disjoint). Re-slicing a window stays in the same family of
 * windows (`s = s[n:]` in a loop).
 */
export function windowOf(base: string, start: string): string | null {
  return derive(base.replace(/\[[^\]]*:\]$/, ""), `[${start.replace(/\s+/g, "")}:]`);
}

function derive(base: string, suffix: string): string | null {
  let steps = 0;
  // Count path steps after the root (`alloc:file.go:12@3`'s own dots are not steps).
  for (let i = base.startsWith("alloc:") ? base.indexOf("@") : base.indexOf(":"); i < base.length; i++) {
    const c = base.charCodeAt(i);
    if (c === 46 /* . */ || c === 91 /* [ */) steps++;
  }
  return steps >= MAX_PATH_STEPS || base.length > MAX_ID_LENGTH ? null : base + suffix;
}

// ---- questions ---------------------------------------------------------------

export function kindOf(value: string): ValueKind {
  return value.slice(0, value.indexOf(":")) as ValueKind;
}

export function isFuncValue(value: string): boolean {
  return value.startsWith("fn:");
}

export function isAllocValue(value: string): boolean {
  return value.startsWith("alloc:");
}

/** Shared across entry points by name: a receiver's field or a package variable (or below them). */
export function isNamedShared(value: string): boolean {
  return value.startsWith("recv:") || value.startsWith("global:");
}

export function isGlobalValue(value: string): boolean {
  return value.startsWith("global:");
}

export function isRecvValue(value: string): boolean {
  return value.startsWith("recv:");
}

/** Does the path go through "any element" (one of many values, per element)? */
export function throughElement(value: string): boolean {
  return value.includes("[]");
}

/** The allocation root of an `alloc:` value (`alloc:a.go:12@3`), else null. */
export function allocRoot(value: string): string | null {
  if (!value.startsWith("alloc:")) return null;
  const at = value.indexOf("@");
  let end = at + 1;
  while (end < value.length && value.charCodeAt(end) >= 48 && value.charCodeAt(end) <= 57) end++;
  return value.slice(0, end);
}

/**
 * `alloc:…@n` + path → `publishedRoot` + path, when the allocation was
 * published (a constructor's value becomes `recv:Type` across entry points).
 */
export function republish(value: string, published: ReadonlyMap<string, string>): string {
  const root = allocRoot(value);
  if (root === null) return value;
  const pub = published.get(root);
  return pub ? pub + value.slice(root.length) : value;
}

/** `recv:Type.field`, exactly one field below a receiver: the type and the field. */
export function recvField(value: string): { type: string; field: string } | null {
  const m = /^recv:(\w+)\.(\w+)$/.exec(value);
  return m ? { type: m[1]!, field: m[2]! } : null;
}

/** `recv:Type.field…`: the type and the first field below the receiver. */
export function recvFirstField(value: string): { type: string; field: string } | null {
  const m = /^recv:(\w+)\.(\w+)/.exec(value);
  return m ? { type: m[1]!, field: m[2]! } : null;
}

/** `global:name…`: the package variable's name. */
export function globalName(value: string): string | null {
  const m = /^global:(\w+)/.exec(value);
  return m ? m[1]! : null;
}

/** Is `value` this identity or below it (a field, an element, a window)? */
export function isAtOrBelow(value: string, base: string): boolean {
  return value === base || value.startsWith(base + ".") || value.startsWith(base + "[");
}

/** An identity's root and the path below it (`alloc:a.go:1@2` and `.items[]`). */
export function splitValue(value: string): { root: string; path: string } {
  const kind = kindOf(value);
  if (kind === "fn" || kind === "once") return { root: value, path: "" };
  let end: number;
  if (kind === "alloc") end = allocRoot(value)!.length;
  else {
    end = value.indexOf(":") + 1;
    while (end < value.length && value[end] !== "." && value[end] !== "[") end++;
  }
  return { root: value.slice(0, end), path: value.slice(end) };
}

/** `base` with a path appended (the path of another identity); null past the path limit. */
export function withPath(base: string, path: string): string | null {
  if (path === "") return base;
  let steps = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 46 /* . */ || c === 91 /* [ */) steps++;
  }
  // One step at a time, as if the path had been derived below `base` step by step.
  return steps > MAX_PATH_STEPS || stepsOf(base) + steps > MAX_PATH_STEPS || base.length + path.length > MAX_ID_LENGTH + 64 ? null : base + path;
}

function stepsOf(base: string): number {
  let steps = 0;
  for (let i = base.startsWith("alloc:") ? base.indexOf("@") : base.indexOf(":"); i < base.length; i++) {
    const c = base.charCodeAt(i);
    if (c === 46 /* . */ || c === 91 /* [ */) steps++;
  }
  return steps;
}

/** The typed view of an identity. */
export function parseValue(value: string): Value {
  const kind = kindOf(value);
  let rootEnd: number;
  if (kind === "alloc") rootEnd = allocRoot(value)!.length;
  else if (kind === "fn" || kind === "once") rootEnd = value.length;
  else {
    rootEnd = value.indexOf(":") + 1;
    while (rootEnd < value.length && value[rootEnd] !== "." && value[rootEnd] !== "[") rootEnd++;
  }
  const path: PathStep[] = [];
  const rest = value.slice(rootEnd);
  const step = /\.(\w+)|\[\]|\[([^\]]*:)\]|\[([^\]]*)\]/g;
  for (const m of rest.matchAll(step)) {
    if (m[1] !== undefined) path.push({ k: "field", name: m[1] });
    else if (m[2] !== undefined) path.push({ k: "window", start: m[2].slice(0, -1) });
    else if (m[3] !== undefined) path.push({ k: "key", literal: m[3] });
    else path.push({ k: "elem" });
  }
  return { kind, root: value.slice(0, rootEnd), path };
}

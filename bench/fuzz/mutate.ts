/**
 * Seeded mutations of real Go files, for the fuzz suite. Each mutation is
 * one of the shapes that broke go-hazard before (issue 20): deep nesting,
 * long chains, unclosed brackets and literals, runs of string literals,
 * spliced code from other files, truncation, odd characters. The same seed
 * gives the same mutated file on every machine, so a failure is reproduced
 * from its seed and index alone.
 */

/** mulberry32: small, fast, good enough to pick mutations; never used for anything secret. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

const int = (r: Random, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Random, xs: readonly T[]): T => xs[int(r, xs.length)]!;

/** Fragments of Go worth dropping anywhere: brackets, literals, concurrency keywords, comment and string openers, odd characters. */
const TOKENS = [
  "{", "}", "(", ")", "[", "]", '"', "`", "'", ";", "\n", ":=", "=", "...", "/*", "*/", "//", "\\", "<-",
  "go ", "go func() {", "defer ", "func(", "func() {}", "chan ", "select {", "case ", "default:", "map[string]int{}",
  "make(map[int]int)", "sync.Mutex", ".Lock()", ".Unlock()", "nil", "&", "*", "[]byte", "unsafe.Pointer(", "C.",
  "//go:build ", "//nolint", "// eslint-disable", "package q\n", "import \"sync\"\n", "type T struct{", "interface{",
  "\u0000", "\ufeff", "\u2028", "é", "😀", "\r", "\t", "0x", "1e9999", "'\\u", '"\\x', "goto L", "L:", "range ", "for {",
];

function insertAt(text: string, at: number, s: string): string {
  return text.slice(0, at) + s + text.slice(at);
}

function lines(text: string): string[] {
  return text.split("\n");
}

/** One mutation of `text` (`donor` is another file, for splices). */
type Mutation = (r: Random, text: string, donor: string) => string;

const MUTATIONS: Array<[string, Mutation]> = [
  ["delete-span", (r, t) => {
    const at = int(r, t.length + 1);
    return t.slice(0, at) + t.slice(at + 1 + int(r, 200));
  }],
  ["duplicate-span", (r, t) => {
    const at = int(r, t.length + 1);
    const span = t.slice(at, at + 1 + int(r, 400));
    return insertAt(t, int(r, t.length + 1), span.repeat(1 + int(r, 4)));
  }],
  ["insert-token", (r, t) => {
    let out = t;
    for (let i = 1 + int(r, 6); i > 0; i--) out = insertAt(out, int(r, out.length + 1), pick(r, TOKENS));
    return out;
  }],
  ["swap-lines", (r, t) => {
    const ls = lines(t);
    if (ls.length < 2) return t;
    const i = int(r, ls.length);
    const j = int(r, ls.length);
    [ls[i], ls[j]] = [ls[j]!, ls[i]!];
    return ls.join("\n");
  }],
  ["repeat-line", (r, t) => {
    const ls = lines(t);
    const i = int(r, ls.length);
    ls.splice(i, 0, ...Array<string>(1 + int(r, 300)).fill(ls[i] ?? ""));
    return ls.join("\n");
  }],
  ["truncate", (r, t) => t.slice(0, int(r, t.length + 1))],
  ["splice-donor", (r, t, d) => {
    const at = int(r, d.length + 1);
    return insertAt(t, int(r, t.length + 1), d.slice(at, at + 1 + int(r, 2000)));
  }],
  ["rename", (r, t) => {
    const ids = t.match(/\b[A-Za-z_]\w*\b/g) ?? [];
    if (ids.length < 2) return t;
    const from = pick(r, ids);
    const to = pick(r, ids);
    return t.split(from).join(to);
  }],
  // Nesting around a statement or expression: blocks, parens, func literals, ifs, composite literals, at depths around and past the limit.
  ["nest", (r, t) => {
    const at = int(r, t.length + 1);
    const end = Math.min(t.length, at + int(r, 80));
    const n = pick(r, [10, 100, 400, 600, 999, 1200, 5000]);
    const [open, close] = pick(r, [["{", "}"], ["(", ")"], ["func() {", "}()"], ["if x {", "}"], ["[]any{", "}"], ["go func() {", "}()"]] as const);
    return t.slice(0, at) + open.repeat(n) + t.slice(at, end) + close.repeat(n) + t.slice(end);
  }],
  ["chain", (r, t) => {
    const n = pick(r, [50, 500, 999, 3000]);
    const term = pick(r, ["1", '"a"', "x", "m[k]", "f()", "s.a"]);
    const op = pick(r, [" + ", " && ", " | ", ".", ", "]);
    return insertAt(t, int(r, t.length + 1), Array<string>(n).fill(term).join(op));
  }],
  ["string-run", (r, t) => insertAt(t, int(r, t.length + 1), pick(r, ['"\\n" ', "'a' ", '"\\x41" ', "`x` "]).repeat(1 + int(r, 3000)))],
  // Wide rather than deep: long lists and argument lists (an array that size spread into a call's arguments overflows the stack).
  ["widen", (r, t) => {
    // Past ~120 k a spread into a call's arguments overflows; rarely that wide, to keep runs quick.
    const n = r() < 0.15 ? 130_000 : pick(r, [1000, 5000, 20_000]);
    const [open, item, close] = pick(r, [["[]int{", "a, ", "}"], ["f(", "x, ", ")"], ["var (\n", "v = 1\n", ")\n"], ["switch {\n", "case x:\n", "}\n"]] as const);
    return insertAt(t, int(r, t.length + 1), open + item.repeat(n) + close);
  }],
  ["unclose", (r, t) => insertAt(t, int(r, t.length + 1), pick(r, ["{", "(", "[", '"', "`", "/*"]).repeat(1 + int(r, 50)))],
];

export const MUTATION_NAMES = MUTATIONS.map(([name]) => name);

/** 1–3 mutations of `text`; returns the text and the names of what was done. */
export function mutate(r: Random, text: string, donor: string): { text: string; applied: string[] } {
  let out = text;
  const applied: string[] = [];
  for (let i = 1 + int(r, 3); i > 0; i--) {
    const [name, m] = pick(r, MUTATIONS);
    out = m(r, out, donor);
    applied.push(name);
  }
  // Keep generated files within the loader's 5 MiB and the fuzz run quick.
  if (out.length > 2_000_000) out = out.slice(0, 2_000_000);
  return { text: out, applied };
}

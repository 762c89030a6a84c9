/**
 * Builds small Go packages from strings for the IR and analysis unit tests,
 * and queries the facts by source line. Lines are found by marker comments
 * (`m[k] = v // @w1`) so tests don't break when a snippet gains a line.
 */
import assert from "node:assert/strict";
import { PackageDriver } from "../../src/analysis/framework.js";
import { racesAnalyzer } from "../../src/analysis/races.js";
import { fieldLocksAnalyzer } from "../../src/analysis/field-locks.js";
import type { Access, PackageFacts, Thread } from "../../src/analysis/facts.js";
import { buildPackageIR } from "../../src/ir/index.js";
import { scopesOf } from "../../src/ir/scopes.js";
import { typeString } from "../../src/ir/type-expr.js";
import type { FileIR, GoType, PackageIR } from "../../src/ir/types.js";
import type { GoPackage } from "../../src/loader/types.js";
import { memoryPackage } from "../harness/rule-tester.js";
import type { GoNode } from "../../src/parse/node.js";
import { parseGo } from "../../src/parse/parser.js";

/** One file's text, or file name → text. */
export type Sources = string | Record<string, string>;

export interface Analysed {
  ir: PackageIR;
  facts: PackageFacts;
  /** The sources by file name (a single string becomes `a.go`). */
  files: Record<string, string>;
}

function asFiles(src: Sources): Record<string, string> {
  return typeof src === "string" ? { "a.go": src } : src;
}

/** A package from in-memory files (sorted by name, as the loader does). */
export function makePackage(src: Sources, goVersion = "1.22"): GoPackage {
  return memoryPackage(asFiles(src), goVersion);
}

export function buildIR(src: Sources, goVersion?: string): PackageIR {
  const pkg = makePackage(src, goVersion);
  return buildPackageIR(pkg, pkg.files.map((f) => parseGo(f.text)));
}

export function analyze(src: Sources, goVersion?: string): Analysed {
  const ir = buildIR(src, goVersion);
  return { ir, facts: new PackageDriver(ir).result(racesAnalyzer), files: asFiles(src) };
}

/** The accesses field-locks compares: the race walk's and those of the methods of mutex-owning types. */
export function analyzeFieldLocks(src: Sources, goVersion?: string): Analysed {
  const ir = buildIR(src, goVersion);
  return { ir, facts: new PackageDriver(ir).result(fieldLocksAnalyzer).facts, files: asFiles(src) };
}

/** 1-based line of the comment marker `// @name` (exact word) in `text`. */
export function lineOf(text: string, marker: string): number {
  const lines = text.split("\n");
  const re = new RegExp(`//.*@${marker}\\b`);
  const hits = lines.flatMap((l, i) => (re.test(l) ? [i + 1] : []));
  assert.equal(hits.length, 1, `marker @${marker} must occur exactly once (found ${hits.length})`);
  return hits[0]!;
}

/** Line of a marker in the (single or named) file of an analysed package. */
export function L(a: Analysed | Record<string, string>, marker: string, file = "a.go"): number {
  const files = "facts" in a ? a.files : a;
  return lineOf(files[file as keyof typeof files] as string, marker);
}

/** Every access recorded on a line (one per entry point that reached it, per object). */
export function accessesAt(facts: PackageFacts, line: number, file = "a.go"): Access[] {
  return facts.accesses.filter((a) => a.span.file === file && a.span.line === line);
}

/** Accesses on the line of a marker; fails when there are none. */
export function at(a: Analysed, marker: string, file = "a.go"): Access[] {
  const list = accessesAt(a.facts, L(a, marker, file), file);
  assert.ok(list.length > 0, `no access recorded on the line of @${marker} (${file}:${L(a, marker, file)})\n${describeFacts(a.facts)}`);
  return list;
}

/** The conflicting pairs as "lineA-lineB" (smaller line first, deduplicated, sorted); file prefixed when not a.go. */
export function pairLines(facts: PackageFacts): string[] {
  const out = new Set<string>();
  for (const p of facts.pairs) {
    const x = facts.accesses[p.a]!;
    const y = facts.accesses[p.b]!;
    const name = (acc: Access) => (acc.span.file === "a.go" ? `${acc.span.line}` : `${acc.span.file}:${acc.span.line}`);
    const [s, t] = [name(x), name(y)].sort((m, n) => (x.span.file === y.span.file ? Number(m) - Number(n) : m < n ? -1 : 1));
    out.add(`${s}-${t}`);
  }
  return [...out].sort();
}

/** "a-b" with the two marker lines, smaller first, in the format of pairLines. */
export function pairOf(a: Analysed, m1: string, m2: string): string {
  const [x, y] = [L(a, m1), L(a, m2)].sort((p, q) => p - q);
  return `${x}-${y}`;
}

export function threadOf(facts: PackageFacts, acc: Access): Thread {
  return facts.threads[acc.thread]!;
}

/** Lock names with mode, e.g. `c.mu (write)`. */
export function locksOf(acc: Access): string[] {
  return acc.locks.map((l) => `${l.name} (${l.mode})`).sort();
}

/** A readable dump for assertion messages. */
export function describeFacts(facts: PackageFacts): string {
  const acc = facts.accesses.map((x) => `  #${x.id} ${x.span.file}:${x.span.line} ${x.kind} ${x.text} key=${x.key} t${x.thread} seq=${x.seq} locks=[${locksOf(x).join(", ")}]${x.unknownLock ? " unknownLock" : ""} root=${x.root}`);
  const th = facts.threads.map((t) => `  t${t.id} ${t.kind} ${t.label} multi=${t.multi} parent=${t.parent} spawnSeq=${t.spawnSeq} escapes=${t.escapes}`);
  const pr = facts.pairs.map((p) => `  ${facts.accesses[p.a]!.span.line}-${facts.accesses[p.b]!.span.line}: ${p.reason}${p.crossRoot ? " (cross-root)" : ""}`);
  return `threads:\n${th.join("\n")}\naccesses:\n${acc.join("\n")}\npairs:\n${pr.join("\n")}`;
}

// ------------------------------------------------------------------ types

function deepestWithText(root: GoNode, line: number, text: string): GoNode | undefined {
  let best: GoNode | undefined;
  const visit = (n: GoNode): void => {
    if (n.loc.start.line > line || n.loc.end.line < line) return;
    if (n.text === text && n.loc.start.line === line) best = n;
    for (const c of n.children) visit(c);
  };
  visit(root);
  return best;
}

export function fileIR(ir: PackageIR, file = "a.go"): FileIR {
  const f = ir.files.find((x) => x.file.relPath === file);
  assert.ok(f, `no file ${file}`);
  return f;
}

/** The expression with exactly this text on the marker's line (the innermost node spanning it). */
export function exprAt(ir: PackageIR, marker: string, text: string, file = "a.go"): GoNode {
  const f = fileIR(ir, file);
  const line = lineOf(f.file.text, marker);
  const node = deepestWithText(f.parsed.root, line, text);
  assert.ok(node, `no expression \`${text}\` on the line of @${marker}`);
  return node;
}

/** Static type (scopesOf(...).typeOf) of the expression `text` on the marker's line. */
export function typeAt(ir: PackageIR, marker: string, text: string, file = "a.go"): GoType {
  return scopesOf(ir, fileIR(ir, file)).typeOf(exprAt(ir, marker, text, file));
}

/** Same, as a string (`map[string]int`, `*[]byte`, `?` for unknown). */
export function typeStrAt(ir: PackageIR, marker: string, text: string, file = "a.go"): string {
  return typeString(typeAt(ir, marker, text, file));
}

/**
 * The map-init analyzer: maps that are provably nil where they are written,
 * and those writes (`m[k] = v`, `m[k] op= v`, `m[k]++`), which panic with
 * "assignment to entry in nil map".
 *
 * Four shapes, each proven from the package alone (anything it cannot prove
 * is left alone):
 * - a package-level `var m map[K]V` (no value) that nothing in the package
 *   assigns, takes the address of, or calls a method on;
 * - a local `var m map[K]V` (or a named result) written before any
 *   assignment: an assignment earlier in the function (any branch), or in a
 *   loop around the write, or anywhere when the write sits in a closure,
 *   keeps it quiet;
 * - a local struct built by a composite literal (or zero value, `new`) that
 *   omits a map field, written through before anything could set the field;
 * - an unexported map field that no code in the package ever sets (no keyed
 *   literal, no assignment, no address taken), written through anywhere:
 *   every value of the type carries a nil map.
 * The two package-wide proofs (variables and fields nothing sets) are skipped
 * when the package directory has Go files the run does not see (generated
 * files are skipped by default, and may be the ones that make the map).
 */
import { underlying } from "../ir/index.js";
import { localTypeName, lookupField, mapType } from "../ir/lookup.js";
import type { FileScopes, LocalVar } from "../ir/scopes.js";
import { argumentOf, calleeText, contains, enclosingFunc, isAddressTaken, isIndexWrite, isNil, isNilComparison, isStoreTarget, loopsAround, parentOf, spanOf, stripParens } from "../ir/syntax.js";
import type { FieldIR, FileIR, GoType, PackageIR } from "../ir/types.js";
import type { GoNode } from "../parse/node.js";
import { inspectAnalyzer, type Inspector } from "./base/inspect.js";
import { scopesAnalyzer, type Scopes } from "./base/scopes.js";
import { defineAnalyzer } from "./framework.js";
import { isGlobalRef } from "../ir/names.js";

/** A map that is nil where it is written, and why. */
export type NilMap =
  /** A package-level variable declared without a value that nothing in the package assigns. */
  | { kind: "global"; name: string; type: GoType; decl: GoNode; file: FileIR }
  /** A local declared without a value (`var m map[K]V`) or a named result, written before anything assigns it. */
  | { kind: "local" | "result"; name: string; type: GoType; decl: GoNode; file: FileIR }
  /** A map field of a local struct built without it (`built`: the literal, `new(T)`, or the zero-value declaration). */
  | { kind: "omitted-field"; variable: string; field: FieldIR; built: GoNode; how: "as a zero value" | "by new()" | "by a composite literal"; file: FileIR }
  /** An unexported map field of `typeName` that no code in the package sets (`file`: where the type is declared). */
  | { kind: "unset-field"; typeName: string; field: FieldIR; file: FileIR };

export interface NilMapWrite {
  /** The index expression written (`m[k]`). */
  node: GoNode;
  file: FileIR;
  /** How the source names the map (`m`, `c.items`). */
  name: string;
  map: NilMap;
}

export interface MapInit {
  /** Writes to nil maps, by file (package order of paths) and position. */
  writes: NilMapWrite[];
  /** Did the package-wide proofs run (every Go file of the directory is in the package)? */
  wholePackage: boolean;
}

export const mapInitAnalyzer = defineAnalyzer<MapInit>({
  name: "map-init",
  doc: `Maps that are provably nil where they are written, and those writes (which panic).

Package-level variables and unexported struct fields that nothing in the package
initializes (only when no Go file of the directory is left out of the package),
locals and named results written before any assignment, and local structs built
without a map field that is written before anything could set it.`,
  requires: [inspectAnalyzer, scopesAnalyzer],
  run(pass) {
    return findNilWrites(pass.ir, pass.resultOf(inspectAnalyzer), pass.resultOf(scopesAnalyzer));
  },
  toJSON: (r) => ({
    wholePackage: r.wholePackage,
    writes: r.writes.map((w) => `${at(w.node, w.file)} ${w.name}: ${describe(w.map)}`),
  }),
});

function at(n: GoNode, file: FileIR): string {
  const s = spanOf(n, file);
  return `${s.file}:${s.line}:${s.column}`;
}

function describe(m: NilMap): string {
  switch (m.kind) {
    case "global":
      return `package-level variable nothing assigns (declared ${at(m.decl, m.file)})`;
    case "local":
      return `local declared without a value (${at(m.decl, m.file)}), not assigned before the write`;
    case "result":
      return `named result (${at(m.decl, m.file)}), not assigned before the write`;
    case "omitted-field":
      return `${m.variable} built ${m.how} without field ${m.field.name} (${at(m.built, m.file)})`;
    case "unset-field":
      return `field ${m.typeName}.${m.field.name} nothing sets (declared ${at(m.field.node, m.file)})`;
  }
}

function findNilWrites(ir: PackageIR, inspect: Inspector, scopes: Scopes): MapInit {
  const writes: NilMapWrite[] = [];
  const seen = new Set<GoNode>();
  const add = (w: NilMapWrite) => {
    if (seen.has(w.node)) return;
    seen.add(w.node);
    writes.push(w);
  };
  // Package-wide proofs ("nothing assigns it") need every file of the package: a generated
  // file that the run skips may be the one that makes the map.
  const wholePackage = !hasUnseenFiles(ir);
  if (wholePackage) globalVars(ir, inspect, scopes, add);
  for (const f of ir.files) locals(ir, inspect, scopes.of(f), add);
  if (wholePackage) neverSetFields(ir, inspect, scopes, add);
  const path = (w: NilMapWrite) => w.file.file.relPath;
  writes.sort((a, b) => (path(a) < path(b) ? -1 : path(a) > path(b) ? 1 : a.node.start - b.node.start));
  return { writes, wholePackage };
}

/**
 * Does the package directory hold non-test Go files that are not in the
 * analysed package (generated files, skipped by default; files for another
 * build)? Package-wide "nothing ever assigns X" proofs don't hold then.
 */
function hasUnseenFiles(ir: PackageIR): boolean {
  const seen = new Set(ir.pkg.files.map((f) => f.relPath.slice(f.relPath.lastIndexOf("/") + 1)));
  return ir.pkg.dirFiles.some((n) => !n.endsWith("_test.go") && !seen.has(n));
}

// ---------------------------------------------------------------- package-level variables

function globalVars(ir: PackageIR, inspect: Inspector, scopes: Scopes, add: (w: NilMapWrite) => void): void {
  const cands = new Map<string, { map: NilMap & { kind: "global" }; writes: Array<{ ix: GoNode; file: FileIR }>; blocked: boolean }>();
  for (const v of ir.vars.values()) {
    if (v.isConst) continue;
    const spec = v.node.parent;
    if (!spec || spec.type !== "var_spec") continue;
    const names = spec.fieldAll("name");
    const values = spec.field("value")?.children;
    if (values && !(values.length === names.length && isNil(values[names.indexOf(v.node)]))) continue;
    if (!mapType(ir, v.type)) continue;
    // Another package may assign an exported variable (only `main` can't be imported).
    if (/^[A-Z]/.test(v.name) && ir.pkg.name !== "main") continue;
    cands.set(v.name, { map: { kind: "global", name: v.name, type: v.type, decl: v.node, file: v.file }, writes: [], blocked: false });
  }
  if (!cands.size) return;
  for (const file of ir.files) {
    const fileScopes = scopes.of(file);
    for (const n of inspect.inFile(file, "identifier")) {
      const c = cands.get(n.text);
      if (!c || n === c.map.decl || !isGlobalRef(n, fileScopes)) continue;
      const use = classifyMapUse(n);
      if (use.kind === "write") c.writes.push({ ix: use.ix, file });
      else if (use.kind === "init") c.blocked = true;
    }
  }
  for (const [name, c] of cands) {
    if (c.blocked) continue;
    for (const w of c.writes) add({ node: w.ix, file: w.file, name, map: c.map });
  }
}

type MapUse = { kind: "write"; ix: GoNode } | { kind: "init" } | { kind: "neutral" };

/**
 * How an expression holding a map is used: written through (`m[k] = v`),
 * possibly initialized (assigned, address taken, method called), or anything
 * else, which copies or reads the map value (an argument, `x := m`,
 * `return m`, `m == nil`, `range m`) and cannot make m non-nil.
 */
function classifyMapUse(e: GoNode): MapUse {
  const p = parentOf(e);
  if (!p) return { kind: "neutral" };
  if (p.type === "index_expression" && stripParens(p.field("operand")!) === stripParens(e)) {
    return isIndexWrite(p) ? { kind: "write", ix: p } : { kind: "neutral" };
  }
  if (isStoreTarget(e) || isAddressTaken(e)) return { kind: "init" };
  if (p.type === "selector_expression") return { kind: "init" }; // m.Method(): a pointer method may replace the map
  return { kind: "neutral" };
}

// ---------------------------------------------------------------- locals

type Event = { kind: "write" | "init"; node: GoNode } | null;

function locals(ir: PackageIR, inspect: Inspector, scopes: FileScopes, add: (w: NilMapWrite) => void): void {
  const file = scopes.file;
  for (const local of scopes.locals) {
    if (local.kind !== "var" && local.kind !== "result") continue;
    const init = initialState(ir, local);
    if (!init) continue;
    const uses = scopes.uses(local).filter((u) => u !== local.decl);
    if (init.kind === "map") {
      const events: Event[] = uses.map((u) => {
        const use = classifyMapUse(u);
        return use.kind === "write" ? { kind: "write", node: use.ix } : use.kind === "init" || !isPlainRead(u) ? { kind: "init", node: u } : null;
      });
      if (local.kind === "result") {
        // `return expr` assigns the named results.
        for (const r of inspect.within(local.func, "return_statement", { skipFuncLits: true })) if (r.children.length > 0) events.push({ kind: "init", node: r });
      }
      const map: NilMap = { kind: local.kind === "result" ? "result" : "local", name: local.name, type: local.type, decl: local.decl, file };
      for (const w of unguardedWrites(inspect, local, events)) add({ node: w, file, name: local.name, map });
    } else {
      for (const field of init.missing) {
        const events = uses.map((u) => fieldEvent(ir, u, field.name, init.typeName));
        const map: NilMap = { kind: "omitted-field", variable: local.name, field, built: init.at, how: init.how, file };
        for (const w of unguardedWrites(inspect, local, events)) add({ node: w, file, name: `${local.name}.${field.name}`, map });
      }
    }
  }
}

/** A use of a map variable that only reads it (does not replace it, and does not let anything else replace it). */
function isPlainRead(u: GoNode): boolean {
  const p = parentOf(u);
  if (!p) return false;
  if (p.type === "index_expression" && stripParens(p.field("operand")!) === stripParens(u)) return true;
  if (p.type === "range_clause" || isNilComparison(u)) return true;
  // Copies of the value (`x := m`, `f(m)`, `return m`) cannot make m non-nil.
  if (argumentOf(u)) return true;
  if (p.type === "expression_list" && !isStoreTarget(u)) return true;
  return false;
}

type Initial =
  | { kind: "map" }
  | { kind: "struct"; typeName: string; missing: FieldIR[]; at: GoNode; how: "as a zero value" | "by new()" | "by a composite literal" };

/** What a local starts as, when that is provably a nil map or a struct with nil map fields. */
function initialState(ir: PackageIR, local: LocalVar): Initial | null {
  const decl = local.decl;
  const spec = decl.parent;
  if (!spec) return null;
  if (local.kind === "result") return mapType(ir, local.type) ? { kind: "map" } : null;
  let value: GoNode | undefined;
  if (spec.type === "var_spec") {
    const names = spec.fieldAll("name");
    const values = spec.field("value")?.children;
    if (values) {
      if (values.length !== names.length) return null;
      value = values[names.indexOf(decl)];
    }
  } else if (spec.type === "expression_list" && spec.parent?.type === "short_var_declaration" && spec.parent.field("left") === spec) {
    const left = spec.children;
    const right = spec.parent.field("right")?.children ?? [];
    if (right.length !== left.length) return null;
    value = right[left.indexOf(decl)];
  } else return null;

  if (mapType(ir, local.type)) {
    if (!value || isNil(value)) return spec.type === "var_spec" ? { kind: "map" } : null;
    return null;
  }
  // Struct values: zero value, composite literal (maybe &), new(T).
  const typeName = localTypeName(local.type);
  if (!typeName) return null;
  const u = underlying(ir, { k: "named", name: typeName, pkg: null });
  if (u.k !== "struct") return null;
  const mapFields = u.fields.filter((f) => !f.embedded && mapType(ir, f.type));
  if (!mapFields.length) return null;
  if (!value) {
    if (local.type.k === "ptr") return null; // a nil pointer, not a struct
    return { kind: "struct", typeName, missing: mapFields, at: decl, how: "as a zero value" };
  }
  let v = stripParens(value);
  if (v.type === "call_expression" && v.field("function")?.text === "new") return { kind: "struct", typeName, missing: mapFields, at: v, how: "by new()" };
  if (v.type === "unary_expression" && v.field("operator")?.text === "&") v = stripParens(v.field("operand")!);
  if (v.type !== "composite_literal") return null;
  const body = v.field("body");
  const keyed = new Set<string>();
  for (const el of body?.children ?? []) {
    if (el.type !== "keyed_element") return null; // positional literal: every field is given
    const k = el.field("key")?.children[0];
    if (k) keyed.add(k.text);
  }
  const missing = mapFields.filter((f) => !keyed.has(f.name));
  return missing.length ? { kind: "struct", typeName, missing, at: v, how: "by a composite literal" } : null;
}

/** A use of struct variable `v` seen from field `f`: writes through v.f, or anything that may set v.f. */
function fieldEvent(ir: PackageIR, u: GoNode, f: string, typeName: string): Event {
  const p = parentOf(u);
  if (p && p.type === "selector_expression" && p.field("operand") && stripParens(p.field("operand")!) === stripParens(u)) {
    const name = p.field("field")?.text ?? "";
    if (name !== f) {
      // A method may set the field; another field's use cannot.
      return isMethodSelector(ir, p, typeName) ? { kind: "init", node: u } : null;
    }
    const use = classifyMapUse(p);
    if (use.kind === "write") return { kind: "write", node: use.ix };
    const q = parentOf(p);
    if (q && q.type === "index_expression" && stripParens(q.field("operand")!) === stripParens(p)) return null;
    if (q?.type === "range_clause" || isNilComparison(p)) return null;
    const arg = argumentOf(p);
    if (arg && /^(len|delete|clear)$/.test(calleeText(arg.call))) return null;
    return { kind: "init", node: u };
  }
  return { kind: "init", node: u };
}

/** `v.name` where name is a method of v's own type (a method may set any field); promoted methods can't reach v's fields. */
function isMethodSelector(ir: PackageIR, sel: GoNode, typeName: string): boolean {
  const name = sel.field("field")?.text ?? "";
  return ir.methods.get(typeName)?.has(name) === true;
}

/**
 * Writes not preceded by anything that may initialize: an init earlier in the
 * source, an init in a loop around the write (a later iteration sees it), or,
 * for writes inside closures, an init anywhere. With a `goto` in the function,
 * source order says nothing about flow: no write is reported.
 */
function unguardedWrites(inspect: Inspector, local: LocalVar, events: Event[]): GoNode[] {
  if (inspect.within(local.func, "goto_statement").length) return [];
  const inits = events.filter((e): e is { kind: "init"; node: GoNode } => e?.kind === "init").map((e) => e.node);
  const out: GoNode[] = [];
  for (const e of events) {
    if (e?.kind !== "write") continue;
    const w = e.node;
    if (enclosingFunc(w) !== local.func) {
      if (inits.length) continue;
    } else {
      if (inits.some((i) => i.start < w.start)) continue;
      const loops = loopsAround(w, local.func).filter((l) => !contains(l, local.decl));
      if (loops.some((l) => inits.some((i) => contains(l, i)))) continue;
    }
    out.push(w);
  }
  return out;
}

// ---------------------------------------------------------------- fields nothing sets

function neverSetFields(ir: PackageIR, inspect: Inspector, scopes: Scopes, add: (w: NilMapWrite) => void): void {
  // unsafe can set anything; stay out of such packages.
  if (ir.files.some((f) => [...f.imports.values()].includes("unsafe"))) return;
  const setNames = new Set<string>();
  for (const n of inspect.nodes("selector_expression")) {
    const name = n.field("field")?.text;
    if (!name) continue;
    const p = parentOf(n);
    // Assigned, address taken, or a method called on it (a pointer method may replace the map).
    if (isStoreTarget(n) || isAddressTaken(n) || (p?.type === "selector_expression" && stripParens(p.field("operand")!) === n)) setNames.add(name);
  }
  for (const n of inspect.nodes("keyed_element")) {
    const k = n.field("key")?.children[0];
    if (k && k.type === "identifier") setNames.add(k.text);
  }
  // Types built by positional literals get every field.
  const positional = new Set<string>();
  for (const n of inspect.nodes("composite_literal")) {
    if (!n.field("body")?.children.some((c) => c.type === "literal_element")) continue;
    const t = n.field("type");
    const name = t?.type === "generic_type" ? t.field("type")?.text : t?.text;
    if (name) positional.add(name);
  }
  const cands = new Map<FieldIR, NilMap & { kind: "unset-field" }>();
  for (const [name, decl] of ir.types) {
    if (decl.type.k !== "struct" || positional.has(name)) continue;
    for (const f of decl.type.fields) {
      if (f.embedded || !/^[a-z_]/.test(f.name) || setNames.has(f.name) || !mapType(ir, f.type)) continue;
      cands.set(f, { kind: "unset-field", typeName: name, field: f, file: decl.file });
    }
  }
  if (!cands.size) return;
  const candNames = new Set([...cands.keys()].map((f) => f.name));
  for (const file of ir.files) {
    const fileScopes = scopes.of(file);
    for (const n of inspect.inFile(file, "index_expression")) {
      if (!isIndexWrite(n)) continue;
      const op = stripParens(n.field("operand")!);
      if (op.type !== "selector_expression") continue;
      const fname = op.field("field")?.text ?? "";
      if (!candNames.has(fname)) continue;
      const base = op.field("operand");
      if (!base) continue;
      const hit = lookupField(ir, fileScopes.typeOf(base), fname);
      const map = hit && cands.get(hit.field);
      if (map) add({ node: n, file, name: op.text.replace(/\s+/g, ""), map });
    }
  }
}

/**
 * nil-map-write: a store into a map that is provably never initialized.
 * Writing to a nil map panics ("assignment to entry in nil map").
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
import type { GoRule } from "../src/eslint/rule.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import { lookupField, localTypeName } from "../src/ir/lookup.js";
import { underlying } from "../src/ir/index.js";
import { typeString } from "../src/ir/type-expr.js";
import type { FieldIR, PackageIR } from "../src/ir/types.js";
import type { FileScopes, LocalVar } from "../src/ir/scopes.js";
import type { GoNode } from "../src/parse/node.js";
import { servicesOf } from "./util/map-syntax.js";
import {
  argumentOf,
  calleeText,
  contains,
  enclosingFunc,
  filesWithScopes,
  hasGoto,
  hasUnseenFiles,
  isAddressTaken,
  isGlobalRef,
  isIndexWrite,
  isNil,
  isNilComparison,
  isStoreTarget,
  loopsAround,
  mapType,
  packageCache,
  parentOf,
  stripParens,
  walk,
} from "./util/map-syntax.js";

interface NilWrite {
  /** The index expression written (`m[k]`). */
  node: GoNode;
  file: string;
  /** How the source names the map (`m`, `c.items`). */
  name: string;
  /** Why it is nil, in words (continues "… is nil: "). */
  reason: string;
  /** Where the map (or the value holding it) is declared. */
  decl: { node: GoNode; file: string; message: string } | null;
  /** How to fix it, in words with code. */
  fix: string;
}

export const nilMapWrite: GoRule = {
  meta: {
    type: "problem",
    docs: {
      description: "A map that is never initialized is written to; a write to a nil map panics.",
      checklist: ["DP-7"],
      cwe: [476],
      category: "robustness",
      defaultSeverity: "error",
      precision: "high",
      securitySeverity: "5.3",
      recommended: true,
    },
    messages: {
      nilWrite:
        "Write to nil map {{name}} panics. {{reason}}: `{{write}}` panics with \"assignment to entry in nil map\". Initialize the map before writing to it: {{fix}}.",
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
        const all = packageCache(ir, "nil-map-write", () => findNilWrites(ir));
        for (const w of all) {
          if (w.file !== here) continue;
          const related = w.decl ? [{ ...span(w.decl.node, w.decl.file), message: w.decl.message }] : [];
          reportWithEvidence(
            context,
            {
              node: w.node,
              messageId: "nilWrite",
              data: { name: w.name, reason: w.reason, write: oneLine(w.node.text), fix: w.fix },
            },
            { related, fingerprintParts: [w.name, "nil-write"], object: w.name },
          );
        }
      },
    };
  },
};

function span(n: GoNode, file: string) {
  const { start, end } = n.loc;
  return { file, line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, " ");
  return t.length > 60 ? t.slice(0, 57) + "..." : t;
}

function findNilWrites(ir: PackageIR): NilWrite[] {
  const out: NilWrite[] = [];
  const seen = new Set<GoNode>();
  const add = (w: NilWrite) => {
    if (seen.has(w.node)) return;
    seen.add(w.node);
    out.push(w);
  };
  const files = filesWithScopes(ir);
  // Package-wide proofs ("nothing assigns it") need every file of the package: a generated
  // file that the run skips may be the one that makes the map.
  const whole = !hasUnseenFiles(ir);
  if (whole) globalVars(ir, files, add);
  for (const f of files) locals(ir, f.scopes, add);
  if (whole) neverSetFields(ir, files, add);
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.node.range[0] - b.node.range[0]));
}

// ---------------------------------------------------------------- package-level variables

function globalVars(ir: PackageIR, files: Array<{ file: import("../src/ir/types.js").FileIR; scopes: FileScopes }>, add: (w: NilWrite) => void): void {
  const cands = new Map<string, { decl: GoNode; file: string; writes: Array<{ ix: GoNode; file: string }>; blocked: boolean; type: string }>();
  for (const v of ir.vars.values()) {
    if (v.isConst) continue;
    const spec = v.node.parent;
    if (!spec || spec.type !== "var_spec") continue;
    const names = spec.fieldAll("name");
    const values = spec.field("value")?.children;
    if (values && !(values.length === names.length && isNil(values[names.indexOf(v.node)]))) continue;
    const mt = mapType(ir, v.type);
    if (!mt) continue;
    // Another package may assign an exported variable (only `main` can't be imported).
    if (/^[A-Z]/.test(v.name) && ir.pkg.name !== "main") continue;
    cands.set(v.name, { decl: v.node, file: v.file.file.relPath, writes: [], blocked: false, type: typeString(v.type) });
  }
  if (!cands.size) return;
  for (const { file, scopes } of files) {
    walk(file.parsed.root, (n) => {
      if (n.type !== "identifier") return;
      const c = cands.get(n.text);
      if (!c || n === c.decl || !isGlobalRef(n, scopes)) return;
      const use = classifyMapUse(n);
      if (use.kind === "write") c.writes.push({ ix: use.ix, file: file.file.relPath });
      else if (use.kind === "init") c.blocked = true;
    });
  }
  for (const [name, c] of cands) {
    if (c.blocked) continue;
    for (const w of c.writes) {
      add({
        node: w.ix,
        file: w.file,
        name,
        reason: `Package-level variable ${name} is declared without a value and nothing in the package assigns it`,
        decl: { node: c.decl, file: c.file, message: `${name} is declared here (nil)` },
        fix: `declare it as \`var ${name} = make(${c.type})\` or assign it in init`,
      });
    }
  }
}

type MapUse = { kind: "write"; ix: GoNode } | { kind: "init" } | { kind: "neutral" };

/**
 * How an expression holding a map is used: written through (`m[k] = v`),
 * possibly initialized (assigned, address taken, method called, handed to
 * something that may replace it), or just read.
 */
function classifyMapUse(e: GoNode): MapUse {
  const p = parentOf(e);
  if (!p) return { kind: "neutral" };
  if (p.type === "index_expression" && stripParens(p.field("operand")!) === stripParens(e)) {
    return isIndexWrite(p) ? { kind: "write", ix: p } : { kind: "neutral" };
  }
  if (isStoreTarget(e) || isAddressTaken(e)) return { kind: "init" };
  if (p.type === "selector_expression") return { kind: "init" }; // m.Method(): a pointer method may replace the map
  if (isNilComparison(e)) return { kind: "neutral" };
  if (p.type === "range_clause") return { kind: "neutral" };
  // Anything else copies the map value (an argument, `x := m`, `return m`): that cannot make m non-nil.
  return { kind: "neutral" };
}

// ---------------------------------------------------------------- locals

function locals(ir: PackageIR, scopes: FileScopes, add: (w: NilWrite) => void): void {
  const file = scopes.file.file.relPath;
  for (const local of scopes.locals) {
    if (local.kind !== "var" && local.kind !== "result") continue;
    const init = initialState(ir, local);
    if (!init) continue;
    const uses = usesOf(scopes, local);
    if (init.kind === "map") {
      const events = uses.map((u) => {
        const use = classifyMapUse(u);
        return use.kind === "write" ? { kind: "write" as const, node: use.ix } : use.kind === "init" || !isPlainRead(u) ? { kind: "init" as const, node: u } : null;
      });
      if (local.kind === "result") {
        // `return expr` assigns the named results.
        walk(local.func, (n) => {
          if (n !== local.func && n.type === "func_literal") return false;
          if (n.type === "return_statement" && n.children.length > 0) events.push({ kind: "init", node: n });
        });
      }
      for (const w of unguardedWrites(local, events)) {
        add({
          node: w,
          file,
          name: local.name,
          reason:
            local.kind === "result"
              ? `Named result ${local.name} starts as nil and nothing assigns it before this write`
              : `${local.name} is declared on line ${local.decl.loc.start.line} without a value and nothing assigns it before this write`,
          decl: { node: local.decl, file, message: `${local.name} is declared here (nil)` },
          fix: `\`${local.name} = make(${typeString(local.type)})\` before the first write`,
        });
      }
    } else {
      for (const field of init.missing) {
        const events = uses.map((u) => fieldEvent(ir, u, field.name, init.typeName));
        for (const w of unguardedWrites(local, events)) {
          add({
            node: w,
            file,
            name: `${local.name}.${field.name}`,
            reason: `${local.name} is built on line ${init.at.loc.start.line} ${init.how} without ${field.name}, and nothing sets ${local.name}.${field.name} before this write`,
            decl: { node: init.at, file, message: `${local.name} is built here without ${field.name}` },
            fix: `add \`${field.name}: make(${typeString(field.type)})\` to the literal, or build it with the package's constructor`,
          });
        }
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
  const arg = argumentOf(u);
  if (arg && /^(len|delete|clear|fmt\.\w+|log\.\w+)$/.test(calleeText(arg.call))) return true;
  // Copies of the value (`x := m`, `f(m)`, `return m`) cannot make m non-nil.
  if (arg) return true;
  if (p.type === "expression_list" && !isStoreTarget(u)) return true;
  return false;
}

type Initial =
  | { kind: "map" }
  | { kind: "struct"; typeName: string; missing: FieldIR[]; at: GoNode; how: string };

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

/** Identifiers that refer to `local` (besides its declaration), in source order. */
function usesOf(scopes: FileScopes, local: LocalVar): GoNode[] {
  const out: GoNode[] = [];
  walk(local.func, (n) => {
    if (n.type === "identifier" && n !== local.decl && n.text === local.name && scopes.resolve(n) === local) out.push(n);
  });
  return out;
}

/** A use of struct variable `v` seen from field `f`: writes through v.f, or anything that may set v.f. */
function fieldEvent(ir: PackageIR, u: GoNode, f: string, typeName: string): { kind: "write" | "init"; node: GoNode } | null {
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
 * for writes inside closures, an init anywhere.
 */
function unguardedWrites(local: LocalVar, events: Array<{ kind: "write" | "init"; node: GoNode } | null>): GoNode[] {
  if (hasGoto(local.func)) return [];
  const inits = events.filter((e): e is { kind: "init"; node: GoNode } => e?.kind === "init").map((e) => e.node);
  const out: GoNode[] = [];
  for (const e of events) {
    if (e?.kind !== "write") continue;
    const w = e.node;
    if (enclosingFunc(w) !== local.func) {
      if (inits.length) continue;
    } else {
      if (inits.some((i) => i.range[0] < w.range[0])) continue;
      const loops = loopsAround(w, local.func).filter((l) => !contains(l, local.decl));
      if (loops.some((l) => inits.some((i) => contains(l, i)))) continue;
    }
    out.push(w);
  }
  return out;
}

// ---------------------------------------------------------------- fields nothing sets

function neverSetFields(ir: PackageIR, files: Array<{ file: import("../src/ir/types.js").FileIR; scopes: FileScopes }>, add: (w: NilWrite) => void): void {
  // unsafe can set anything; stay out of such packages.
  if (ir.files.some((f) => [...f.imports.values()].includes("unsafe"))) return;
  const setNames = new Set<string>();
  const positional = new Set<string>();
  for (const { file } of files) {
    walk(file.parsed.root, (n) => {
      if (n.type === "selector_expression") {
        const name = n.field("field")?.text;
        if (!name) return;
        const p = parentOf(n);
        // Assigned, address taken, or a method called on it (a pointer method may replace the map).
        if (isStoreTarget(n) || isAddressTaken(n) || (p?.type === "selector_expression" && stripParens(p.field("operand")!) === n)) setNames.add(name);
      } else if (n.type === "keyed_element") {
        const k = n.field("key")?.children[0];
        if (k && k.type === "identifier") setNames.add(k.text);
      } else if (n.type === "composite_literal") {
        const body = n.field("body");
        if (body?.children.some((c) => c.type === "literal_element")) {
          const t = n.field("type");
          const name = t?.type === "generic_type" ? t.field("type")?.text : t?.text;
          if (name) positional.add(name);
        }
      }
    });
  }
  const cands = new Map<FieldIR, string>();
  for (const [name, decl] of ir.types) {
    if (decl.type.k !== "struct" || positional.has(name)) continue;
    for (const f of decl.type.fields) {
      if (f.embedded || !/^[a-z_]/.test(f.name) || setNames.has(f.name) || !mapType(ir, f.type)) continue;
      cands.set(f, name);
    }
  }
  if (!cands.size) return;
  const candNames = new Set([...cands.keys()].map((f) => f.name));
  for (const { file, scopes } of files) {
    walk(file.parsed.root, (n) => {
      if (n.type !== "index_expression" || !isIndexWrite(n)) return;
      const op = stripParens(n.field("operand")!);
      if (op.type !== "selector_expression") return;
      const fname = op.field("field")?.text ?? "";
      if (!candNames.has(fname)) return;
      const base = op.field("operand");
      if (!base) return;
      const hit = lookupField(ir, scopes.typeOf(base), fname);
      if (!hit) return;
      const typeName = cands.get(hit.field);
      if (!typeName) return;
      const declFile = ir.types.get(typeName)!.file.file.relPath;
      add({
        node: n,
        file: file.file.relPath,
        name: op.text.replace(/\s+/g, ""),
        reason: `No code in the package sets field ${typeName}.${fname} (no make, map literal, keyed literal or assignment), so it is nil in every ${typeName}`,
        decl: { node: hit.field.node, file: declFile, message: `field ${fname} is declared here and never initialized` },
        fix: `make it where ${typeName} values are built (\`${fname}: make(${typeString(hit.field.type)})\`), or lazily (\`if x.${fname} == nil { x.${fname} = make(...) }\`)`,
      });
    });
  }
}

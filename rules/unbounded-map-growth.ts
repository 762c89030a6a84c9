/**
 * unbounded-map-growth: a map that lives as long as the program and only
 * ever gains keys. Nothing in the package deletes from it, clears it, or
 * replaces it, so every new key (a client address, a session id, a URL)
 * stays in memory until the process dies.
 *
 * Long-lived maps: package-level variables, and map fields of types whose
 * values live as long as the program: a type with a ServeHTTP method, one
 * registered with http.Handle, HandleFunc or ListenAndServe, one held in a package-level
 * variable or created in main/init, or a cache-shaped type (owns a mutex and
 * has Get/Set/Put/Add/Store/Load-style methods).
 *
 * Quiet when the map can shrink or be replaced (`delete`, `clear`, an
 * assignment outside initialization, a whole-struct reset), when it escapes
 * (address taken, handed to a function that might delete from it, returned,
 * aliased), when every insertion happens at initialization (package-level
 * initializers, init, constructors of the owning type, functions only called
 * from those or from once.Do, registration functions: Register..., Define...,
 * Install..., Mount..., route registration: Handle(pattern, h) keeping a
 * handler) or uses a constant key (also a parameter every non-test caller
 * passes a constant for), and when the key type is bounded (bool, int8/uint8,
 * an enum: a package type with declared constants, or reflect.Type).
 */
import type { GoRule } from "../src/eslint/rule.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import { mutexOwningTypes } from "../src/analysis/index.js";
import { underlying } from "../src/ir/index.js";
import { localTypeName, lookupField } from "../src/ir/lookup.js";
import { typeString } from "../src/ir/type-expr.js";
import type { FieldIR, FileIR, FuncIR, GoType, PackageIR } from "../src/ir/types.js";
import type { FileScopes } from "../src/ir/scopes.js";
import type { GoNode } from "../src/parse/node.js";
import { servicesOf } from "./util/map-syntax.js";
import {
  argumentOf,
  calleeText,
  exprKey,
  enclosingDecl,
  filesWithScopes,
  funcOfDecl,
  isAddressTaken,
  isConstantExpr,
  isConstructorOf,
  isGlobalRef,
  isIndexWrite,
  isNilComparison,
  isStoreTarget,
  mapType,
  packageCache,
  parentOf,
  stripParens,
  walk,
} from "./util/map-syntax.js";

export const unboundedMapGrowth: GoRule = {
  meta: {
    type: "suggestion",
    docs: {
      description: "A long-lived map only ever gains keys: nothing deletes from it, clears it or replaces it.",
      checklist: ["DP-8"],
      cwe: [401, 770],
      category: "robustness",
      defaultSeverity: "warning",
      precision: "medium",
      recommended: true,
    },
    messages: {
      grows:
        "Map {{name}} only grows: keys are added here and never removed. {{life}}, and nothing in the package deletes from it, clears it or replaces it. {{weight}} Bound it: delete entries when they are done, expire them (TTL), cap the size, or use an LRU cache.",
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
        for (const g of packageCache(ir, "unbounded-map-growth", () => findGrowingMaps(ir))) {
          if (g.file !== here) continue;
          reportWithEvidence(
            context,
            { node: g.site, messageId: "grows", data: { name: g.name, life: g.life, weight: g.weight } },
            {
              related: g.decl ? [{ ...span(g.decl.node, g.decl.file), message: `${g.name} is declared here` }] : [],
              fingerprintParts: [g.id, "grows"],
              object: g.name,
            },
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

interface Growing {
  id: string;
  name: string;
  site: GoNode;
  file: string;
  life: string;
  weight: string;
  decl: { node: GoNode; file: string } | null;
}

interface Tracked {
  id: string;
  /** How to name it in messages: `cache`, `Server.visits`. */
  name: string;
  type: Extract<GoType, { k: "map" }>;
  life: string;
  /** For fields: the owning type (constructors of it are initialization). */
  owner: string | null;
  decl: { node: GoNode; file: string } | null;
  inserts: Array<{ ix: GoNode; file: FileIR; scopes: FileScopes }>;
  /** Deleted from, cleared, replaced, or escaped: not provably growing. */
  bounded: boolean;
  /** Lives as long as the program only if the program is long-running (package-level): needs a service package or a lock. */
  needsService: boolean;
}

const CACHE_SETTERS = /^(Set|Put|Add|Store|Insert|Record|Track|Save|Remember|Observe|Inc|Incr|Increment|Touch|Visit|Mark)([A-Z_]|$)/;
const CACHE_GETTERS = /^(Get|Load|Lookup|Fetch|Find|Has|Contains|Peek)([A-Z_]|$)/;
const REGISTRATION = /^(must)?(register|define|declare|install|mount)/i;
const HTTP_REGISTRATION = /(^|\.)(Handle|HandleFunc|ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)$/;
/** Router methods that add a route: registration only when they keep a handler they are given (see keepsHandler). */
const ROUTE_REGISTRATION = /^(must)?(handle|handlefunc|handler|handlerfunc|route|use|addroute|addhandler)$/i;
/** Types of handler parameters: a func type, http.Handler and look-alikes (`Handle`, `HandlerFunc`, `MiddlewareFunc`). */
const HANDLER_TYPE = /^(Handler|HandlerFunc|Handle|HandleFunc|Middleware|MiddlewareFunc)$|Handler$|HandlerFunc$/;
/** Calls that only read the map they are given. */
const READ_ONLY_CALLS = /^(len|cap|fmt\.\w+|log\.\w+|slog\.\w+|json\.Marshal|json\.MarshalIndent|maps\.(Keys|Values|Clone|Equal|EqualFunc|All)|\w+\.Encode)$/;

/** Most nodes touch no tracked map; they share this empty list instead of each making one. */
const NO_TRACKED: readonly Tracked[] = [];

function findGrowingMaps(ir: PackageIR): Growing[] {
  const files = filesWithScopes(ir);
  const tracked: Tracked[] = [];
  const globals = new Map<string, Tracked>();
  const fields = new Map<FieldIR, Tracked>();

  const infer = files[0]?.scopes.infer;
  if (!infer) return [];
  for (const v of ir.vars.values()) {
    if (v.isConst || v.file.file.isTest) continue;
    const t = v.type.k !== "unknown" ? v.type : infer.globalType(v.name) ?? v.type;
    const mt = mapType(ir, t);
    if (!mt) continue;
    const tr: Tracked = { id: `global:${v.name}`, name: v.name, type: mt, life: "It is a package-level variable, so it lives as long as the program", owner: null, decl: { node: v.node, file: v.file.file.relPath }, inserts: [], bounded: false, needsService: true };
    globals.set(v.name, tr);
    tracked.push(tr);
  }
  const longLived = longLivedTypes(ir, files);
  for (const [typeName, { why, needsService }] of longLived) {
    const decl = ir.types.get(typeName);
    if (!decl || decl.type.k !== "struct") continue;
    for (const f of decl.type.fields) {
      if (f.embedded) continue;
      const mt = mapType(ir, f.type);
      if (!mt) continue;
      const tr: Tracked = { id: `field:${typeName}.${f.name}`, name: `${typeName}.${f.name}`, type: mt, life: `It is a field of ${typeName}, which lives as long as the program (${why})`, owner: typeName, decl: { node: f.node, file: decl.file.file.relPath }, inserts: [], bounded: false, needsService };
      fields.set(f, tr);
      tracked.push(tr);
    }
  }
  if (!tracked.length) return [];
  const fieldNames = new Set([...fields.keys()].map((f) => f.name));
  const ownerTypes = new Map<string, Tracked[]>();
  for (const t of fields.values()) {
    const a = ownerTypes.get(t.owner!) ?? [];
    a.push(t);
    ownerTypes.set(t.owner!, a);
  }

  for (const { file, scopes } of files) {
    walk(file.parsed.root, (n) => {
      let tr: Tracked | undefined;
      let weak: readonly Tracked[] = NO_TRACKED;
      if (n.type === "identifier") {
        const g = globals.get(n.text);
        if (g && n !== g.decl?.node && isGlobalRef(n, scopes)) tr = g;
      } else if (n.type === "selector_expression") {
        const name = n.field("field")?.text ?? "";
        if (fieldNames.has(name)) {
          const base = n.field("operand");
          const hit = base ? lookupField(ir, scopes.typeOf(base), name) : null;
          if (hit) tr = fields.get(hit.field);
          // Operand of unknown type: it may be any tracked field of that name; let it bound them, never grow them.
          else weak = [...fields.entries()].filter(([f]) => f.name === name).map(([, t]) => t);
        }
      } else if (n.type === "assignment_statement") {
        // Whole-struct resets outside initialization: `*c = Cache{...}`, `c.state = State{}` style replacements.
        for (const owner of resetOwners(ir, n, scopes, ownerTypes)) {
          if (!inInitContext(ir, n, owner)) for (const t of ownerTypes.get(owner) ?? []) t.bounded = true;
        }
      }
      for (const w of weak) classify(ir, w, n, file, scopes, false);
      if (!tr) return;
      classify(ir, tr, n, file, scopes, true);
    });
  }

  const enums = enumTypes(ir);
  const service = isServicePackage(ir);
  const out: Growing[] = [];
  for (const t of tracked) {
    if (t.bounded || boundedKey(ir, t.type.key, enums)) continue;
    const growth = t.inserts.filter((s) => !s.file.file.isTest && !insertAtInit(ir, s.ix, t.owner) && !isConstantExpr(ir, s.ix.field("index")!, s.scopes) && !constantFromCallers(ir, s.ix.field("index")!, s.scopes, files));
    if (!growth.length) continue;
    // A package-level map lives as long as the program, which matters when the program runs for long:
    // a network service, or code that guards the map with a lock for concurrent callers.
    if (t.needsService && !service && !growth.some((g) => underLock(g.ix))) continue;
    const order = new Map(ir.files.map((f, i) => [f, i]));
    growth.sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.ix.range[0] - b.ix.range[0]);
    const first = growth[0]!;
    out.push({
      id: t.id,
      name: t.owner ? exprKey(first.ix.field("operand")!) : t.name,
      site: first.ix,
      file: first.file.file.relPath,
      life: t.life,
      weight: weightOf(ir, t.type.val),
      decl: t.decl,
    });
  }
  return out;
}

/** What a use of a tracked map does to its size. */
function classify(ir: PackageIR, t: Tracked, e: GoNode, file: FileIR, scopes: FileScopes, known: boolean): void {
  const p = parentOf(e);
  if (!p) return;
  if (p.type === "index_expression" && stripParens(p.field("operand")!) === stripParens(e)) {
    if (isIndexWrite(p) && known) t.inserts.push({ ix: p, file, scopes });
    return;
  }
  if (isStoreTarget(e)) {
    // Initialization (package-level, init, constructors, `if m == nil { m = make(...) }`) is not a reset.
    if (!inInitContext(ir, e, t.owner) && !isLazyInit(e)) t.bounded = true;
    return;
  }
  if (isAddressTaken(e)) {
    t.bounded = true;
    return;
  }
  if (p.type === "range_clause" || isNilComparison(e)) return;
  const arg = argumentOf(e);
  if (arg) {
    const callee = calleeText(arg.call);
    if (callee === "delete" || callee === "clear") t.bounded = true;
    else if (!READ_ONLY_CALLS.test(callee)) t.bounded = true; // may delete from it
    return;
  }
  // Aliased, returned, stored elsewhere, a method called on it: someone else may shrink it.
  t.bounded = true;
}

/** Owner types replaced wholesale by this assignment: `*x = T{...}`, `s.cache = Cache{}`. */
function resetOwners(ir: PackageIR, n: GoNode, scopes: FileScopes, owners: Map<string, Tracked[]>): string[] {
  {
    const out: string[] = [];
    for (const l of n.field("left")?.children ?? []) {
      const x = stripParens(l);
      if (x.type === "unary_expression" && x.field("operator")?.text === "*") {
        const name = localTypeName(scopes.typeOf(x.field("operand")!));
        if (name && owners.has(name)) out.push(name);
      } else if (x.type === "identifier" && isGlobalRef(x, scopes) && ir.vars.has(x.text)) {
        // The long-lived holder itself is replaced: the old value and its maps are dropped.
        const name = localTypeName(scopes.typeOf(x));
        if (name && owners.has(name)) out.push(name);
      } else if (x.type === "selector_expression" || x.type === "index_expression") {
        const name = localTypeName(scopes.typeOf(x));
        if (name && owners.has(name) && underlying(ir, { k: "named", name, pkg: null }).k === "struct") out.push(name);
      }
    }
    return out;
  }
}

/** Package-level initializer, init(), main() (for assignments), or a constructor of the owning type. */
function inInitContext(ir: PackageIR, n: GoNode, owner: string | null): boolean {
  const decl = enclosingDecl(n);
  if (!decl) return true;
  const fn = funcOfDecl(ir, decl);
  if (!fn) return false;
  if (fn.recv === null && (fn.name === "init" || (fn.name === "main" && ir.pkg.name === "main"))) return true;
  return owner !== null && isConstructorOf(fn, owner);
}

/** `if m == nil { m = make(...) }`: the assignment sits in an if whose condition compares the same expression with nil. */
function isLazyInit(e: GoNode): boolean {
  const key = exprKey(e);
  for (let p = e.parent; p; p = p.parent) {
    if (p.type === "function_declaration" || p.type === "method_declaration" || p.type === "func_literal") return false;
    if (p.type !== "if_statement") continue;
    const cond = p.field("condition");
    let found = false;
    if (cond)
      walk(cond, (c) => {
        if (!found && exprKey(c) === key && isNilComparison(c)) found = true;
        return !found;
      });
    if (found) return true;
  }
  return false;
}

/** Inside a function literal passed to `once.Do(...)`: runs once. */
function inOnceDo(n: GoNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type !== "func_literal") continue;
    const arg = argumentOf(p);
    if (arg && /\.Do$/.test(calleeText(arg.call))) return true;
  }
  return false;
}

/** An insertion that happens only while the program starts. */
function insertAtInit(ir: PackageIR, ix: GoNode, owner: string | null): boolean {
  if (inOnceDo(ix)) return true;
  const decl = enclosingDecl(ix);
  if (!decl) return true;
  const fn = funcOfDecl(ir, decl);
  if (!fn) return false;
  if (fn.recv === null && fn.name === "init") return true;
  if (owner !== null && isConstructorOf(fn, owner)) return true;
  // Registration functions fill tables from code (`Register("gzip", ...)`), not from requests.
  if (REGISTRATION.test(fn.name) && !takesRequest(fn)) return true;
  // Route tables: `mux.Handle(pattern, handler)` keeps the handler it is given.
  if (ROUTE_REGISTRATION.test(fn.name) && !takesRequest(fn) && keepsHandler(fn)) return true;
  // A package function only ever called at initialization (init, package-level initializers, once.Do).
  if (fn.recv === null && !fn.exported) {
    const calls = callSitesOf(ir, fn);
    if (calls && calls.length && calls.every((c) => (c.type === "identifier" || inInitContext(ir, c, null) || inOnceDo(c)) && funcOfDecl(ir, enclosingDecl(c))?.name !== "main")) return true;
  }
  return false;
}

function takesRequest(fn: FuncIR): boolean {
  return fn.params.some((p) => /^\*?http\.Request$|ResponseWriter$/.test(typeString(p.type)));
}

/**
 * Does `fn` take a handler (a func value, an http.Handler or a type named like
 * one) that it keeps or passes on without calling it? That is what a route
 * table's `Handle(pattern, h)` does; a cache's `Get(k, load func...)` calls
 * `load`, and an HTTP handler takes a request (checked by the caller).
 */
function keepsHandler(fn: FuncIR): boolean {
  const body = fn.node.field("body");
  if (!body) return false;
  return fn.params.some((p) => {
    if (!p.name || p.name === "_") return false;
    const isHandler = p.type.k === "func" || (p.type.k === "named" && HANDLER_TYPE.test(p.type.name));
    if (!isHandler) return false;
    let used = false;
    let called = false;
    walk(body, (n) => {
      if (n.type !== "identifier" || n.text !== p.name) return;
      const q = parentOf(n);
      if (q?.type === "selector_expression" && q.field("field") === n) return;
      used = true;
      // `h(w, r)` or `h.ServeHTTP(w, r)`: the function runs the handler, it doesn't just keep it.
      const callee = q?.type === "selector_expression" && q.field("operand") === n ? parentOf(q) : q;
      const fnNode = q?.type === "selector_expression" && q.field("operand") === n ? q : n;
      if (callee?.type === "call_expression" && callee.field("function") === fnNode) called = true;
    });
    return used && !called;
  });
}

/**
 * The key is a parameter of an unexported package function that every call
 * outside tests passes a constant for (`newLoggingConn("server", c)`), and the
 * function never assigns it: the key set is those constants.
 */
function constantFromCallers(ir: PackageIR, key: GoNode, scopes: FileScopes, files: Array<{ file: FileIR; scopes: FileScopes }>): boolean {
  const k = stripParens(key);
  if (k.type !== "identifier") return false;
  const v = scopes.resolve(k);
  if (!v || v.kind !== "param") return false;
  const fn = funcOfDecl(ir, v.func);
  if (!fn || fn.recv !== null || fn.exported || !fn.body) return false;
  const index = fn.params.findIndex((p) => p.node === v.decl);
  if (index < 0 || fn.params[index]!.variadic) return false;
  let reassigned = false;
  walk(fn.body, (n) => {
    if (n.type === "identifier" && n.text === v.name && scopes.resolve(n) === v && (isStoreTarget(n) || isAddressTaken(n))) reassigned = true;
  });
  if (reassigned) return false;
  return packageCache(ir, `constant-args:${fn.key}:${index}`, () => {
    let calls = 0;
    for (const { file, scopes: s } of files) {
      // Tests may call it with anything; they don't run in the long-lived program.
      if (file.file.isTest) continue;
      let ok = true;
      walk(file.parsed.root, (n) => {
        if (!ok) return false;
        if (n.type !== "identifier" || n.text !== fn.name || n === fn.node.field("name") || s.resolve(n)) return;
        const p = parentOf(n);
        if (p?.type === "selector_expression" && p.field("field") === n) return;
        const arg = p?.type === "call_expression" && p.field("function") === n ? p.field("arguments")?.children[index] : undefined;
        if (!arg || arg.type === "variadic_argument" || !isConstantExpr(ir, arg, s)) ok = false;
        else calls++;
      });
      if (!ok) return false;
    }
    return calls > 0;
  });
}

/**
 * Where an unexported package function is used: its calls, and identifiers
 * for `once.Do(f)`. Null when it is used as a value anywhere else (callers unknown).
 */
function callSitesOf(ir: PackageIR, fn: FuncIR): GoNode[] | null {
  return packageCache(ir, `calls:${fn.key}`, () => {
    const out: GoNode[] = [];
    let unknown = false;
    for (const f of ir.files) {
      walk(f.parsed.root, (n) => {
        if (n.type !== "identifier" || n.text !== fn.name || n === fn.node.field("name")) return;
        const p = n.parent;
        if (p?.type === "call_expression" && p.field("function") === n) out.push(p);
        else {
          const arg = argumentOf(n);
          if (arg && /\.Do$/.test(calleeText(arg.call))) out.push(n);
          else if (p?.type !== "selector_expression" || p.field("operand") === n) unknown = true;
        }
      });
    }
    return unknown ? null : out;
  });
}

/**
 * Key types with few possible values: bool, 8-bit integers, enums (package
 * types with declared constants), and `reflect.Type`: a program has as many
 * types as it was compiled with (plus the few it builds with reflect, which
 * the runtime never frees either), so a per-type cache (codecs, struct
 * layouts) stops growing once every type has been seen.
 */
function boundedKey(ir: PackageIR, key: GoType, enums: Set<string>): boolean {
  if (key.k === "named" && key.pkg === null && enums.has(key.name)) return true;
  if (key.k === "named" && key.pkg === "reflect" && key.name === "Type") return true;
  const u = underlying(ir, key);
  return u.k === "basic" && ["bool", "int8", "uint8"].includes(u.name);
}

function enumTypes(ir: PackageIR): Set<string> {
  return packageCache(ir, "enum-types", () => {
    const out = new Set<string>();
    for (const f of ir.files) {
      walk(f.parsed.root, (n) => {
        if (n.type === "const_spec") {
          const t = n.field("type");
          if (t?.type === "type_identifier" && ir.types.has(t.text)) out.add(t.text);
        }
        if (n.type === "function_declaration" || n.type === "method_declaration") return false;
      });
    }
    return out;
  });
}

function weightOf(ir: PackageIR, val: GoType): string {
  const v = underlying(ir, val);
  const bytes = (t: GoType) => {
    const u = underlying(ir, t);
    return u.k === "slice" && underlying(ir, u.elem).k === "basic" && (underlying(ir, u.elem) as { name: string }).name === "uint8";
  };
  if (bytes(v) || (v.k === "ptr" && bytes(v.elem))) {
    return `Every entry holds a byte buffer (${typeString(val)}), so memory grows with every new key until the process runs out of it — the unbounded byte cache of the seed incidents.`;
  }
  if ((v.k === "basic" && v.name !== "string") || (v.k === "struct" && v.fields.length === 0)) {
    return `Entries are small (${typeString(val)}), but the key set grows with every new key.`;
  }
  return `Every entry keeps its ${typeString(val)} value alive, so memory grows with every new key.`;
}

const SERVICE_IMPORTS = /^(net|net\/http|net\/rpc|google\.golang\.org\/grpc|github\.com\/(gin-gonic\/gin|labstack\/echo(\/v\d+)?|gofiber\/fiber(\/v\d+)?|go-chi\/chi(\/v\d+)?|gorilla\/mux|valyala\/fasthttp))$/;

/** Does the package look like (part of) a long-running network service? */
function isServicePackage(ir: PackageIR): boolean {
  return ir.files.some((f) => !f.file.isTest && [...f.imports.values()].some((p) => SERVICE_IMPORTS.test(p)));
}

/** Is `x.Lock()` called earlier in the function that holds `n`? */
function underLock(n: GoNode): boolean {
  const fn = enclosingDecl(n);
  if (!fn) return false;
  let found = false;
  walk(fn, (c) => {
    if (found || c.range[0] >= n.range[0]) return false;
    if (c.type === "call_expression" && /\.Lock$/.test(calleeText(c))) found = true;
  });
  return found;
}

/** Types whose values live as long as the program, with the reason. */
function longLivedTypes(ir: PackageIR, files: Array<{ file: FileIR; scopes: FileScopes }>): Map<string, { why: string; needsService: boolean }> {
  const out = new Map<string, { why: string; needsService: boolean }>();
  const mark = (name: string | null, why: string, needsService = false) => {
    // Types of test files live as long as a test binary: not long-lived.
    if (name && ir.types.has(name) && !ir.types.get(name)!.file.file.isTest && !out.has(name)) out.set(name, { why, needsService });
  };
  for (const [name, methods] of ir.methods) if (methods.has("ServeHTTP")) mark(name, "it has a ServeHTTP method");
  const infer = files[0]!.scopes.infer;
  for (const v of ir.vars.values()) {
    if (v.isConst || v.file.file.isTest) continue;
    const t = v.type.k !== "unknown" ? v.type : infer.globalType(v.name) ?? v.type;
    mark(localTypeName(t), `it is held in package variable ${v.name}`, true);
  }
  for (const { file, scopes } of files) {
    if (file.file.isTest) continue;
    walk(file.parsed.root, (n) => {
      if (n.type === "call_expression" && HTTP_REGISTRATION.test(calleeText(n))) {
        for (const a of n.field("arguments")?.children ?? []) handlerType(scopes, a, (name) => mark(name, "it is registered as an HTTP handler"));
      }
      if (n.type === "keyed_element" && n.field("key")?.text === "Handler") {
        const v = n.field("value")?.children[0];
        if (v) handlerType(scopes, v, (name) => mark(name, "it is registered as an HTTP handler"));
      }
    });
  }
  for (const fn of ir.funcs.values()) {
    if (fn.recv !== null || !fn.body || fn.file.file.isTest || !(fn.name === "init" || (fn.name === "main" && ir.pkg.name === "main"))) continue;
    const scopes = files.find((f) => f.file === fn.file)!.scopes;
    walk(fn.body, (n) => {
      if (n.type === "func_literal") return false;
      if (n.type === "composite_literal" || n.type === "call_expression") {
        const p = parentOf(n);
        // Only values kept: assigned to a variable (not temporaries inside expressions).
        if (p?.type === "expression_list" || (p?.type === "unary_expression" && parentOf(p)?.type === "expression_list")) mark(localTypeName(scopes.typeOf(n)), `it is created in ${fn.name}`);
      }
    });
  }
  for (const name of mutexOwningTypes(ir)) {
    const methods = [...(ir.methods.get(name)?.keys() ?? [])].sort();
    const getter = methods.find((m) => CACHE_GETTERS.test(m));
    const setter = methods.find((m) => CACHE_SETTERS.test(m));
    if (getter && setter) mark(name, `it owns a mutex and has the cache-style methods ${getter} and ${setter}`);
  }
  return out;
}

function handlerType(scopes: FileScopes, arg: GoNode, mark: (name: string | null) => void): void {
  const a = stripParens(arg);
  mark(localTypeName(scopes.typeOf(a)));
  if (a.type === "selector_expression" && a.field("operand")) mark(localTypeName(scopes.typeOf(a.field("operand")!)));
  if (a.type === "call_expression" || a.type === "type_conversion_expression") {
    for (const x of a.field("arguments")?.children ?? (a.field("operand") ? [a.field("operand")!] : [])) handlerType(scopes, x, mark);
  }
}

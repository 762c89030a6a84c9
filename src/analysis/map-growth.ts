/**
 * The map-growth analyzer: maps that live as long as the program and only
 * ever gain keys. Nothing in the package deletes from them, clears them, or
 * replaces them, so every new key (a client address, a session id, a URL)
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
 * an enum: a package type with declared constants, or reflect.Type). A
 * package-level map counts only in a network service (outside input keeps
 * arriving: src/analysis/base/outside-input.ts) or when a lock is held at an
 * insertion (shared state of concurrent callers).
 */
import { isConstantExpr } from "../ir/consts.js";
import { underlying } from "../ir/index.js";
import { isConstructorOf, localTypeName, lookupField, mapType } from "../ir/lookup.js";
import { fileOfNode, funcOfDecl } from "../ir/node-index.js";
import type { FileScopes } from "../ir/scopes.js";
import { args, argumentOf, calleeText, enclosingDecl, exprKey, isAddressTaken, isIndexWrite, isNilComparison, isStoreTarget, parentOf, stripParens, walk } from "../ir/syntax.js";
import { typeString } from "../ir/type-expr.js";
import type { FieldIR, FileIR, FuncIR, GoType, PackageIR } from "../ir/types.js";
import type { GoNode } from "../parse/node.js";
import { callGraphAnalyzer, type CallGraph } from "./base/callgraph.js";
import { inspectAnalyzer, type Inspector } from "./base/inspect.js";
import { locksetsAnalyzer, type Locksets } from "./base/locksets.js";
import { handlesRequests, isServicePackage } from "./base/outside-input.js";
import { scopesAnalyzer, type Scopes } from "./base/scopes.js";
import { ONCE } from "./concurrency-api.js";
import { defineAnalyzer } from "./framework.js";
import { mutexOwningTypes } from "./concurrency-api.js";
import { isGlobalRef } from "../ir/names.js";

/** A long-lived map that only grows, reported at its first insertion outside initialization. */
export interface GrowingMap {
  /** `global:cache`, `field:Server.visits`. */
  id: string;
  /** How messages name it: `cache`, or the field as the insertion writes it (`s.visits`). */
  name: string;
  /** The first insertion (an index expression), in package order. */
  site: GoNode;
  file: FileIR;
  /** Why it lives as long as the program. */
  life: string;
  /** What each entry keeps alive. */
  weight: string;
  decl: { node: GoNode; file: FileIR } | null;
}

export interface MapGrowth {
  growing: readonly GrowingMap[];
}

export const mapGrowthAnalyzer = defineAnalyzer<MapGrowth>({
  name: "map-growth",
  doc: `Long-lived maps (package variables, fields of long-lived types) that only gain keys.

Every use of each such map in the package is classified: an insertion, or
something that may shrink, replace or hand it on (then it is not reported).
Insertions at initialization or with constant keys, and maps with bounded key
types, don't count.`,
  requires: [inspectAnalyzer, scopesAnalyzer, callGraphAnalyzer, locksetsAnalyzer],
  run(pass) {
    const scan = new GrowthScan(pass.ir, pass.resultOf(inspectAnalyzer), pass.resultOf(scopesAnalyzer), pass.resultOf(callGraphAnalyzer), pass.resultOf(locksetsAnalyzer));
    return { growing: scan.growingMaps() };
  },
  toJSON: (r) => ({
    growing: r.growing.map((g) => `${g.file.file.relPath}:${g.site.loc.start.line}:${g.site.loc.start.column + 1} ${g.id} grows (${g.life})`),
  }),
});

interface Tracked {
  id: string;
  /** How to name it in messages: `cache`, `Server.visits`. */
  name: string;
  type: Extract<GoType, { k: "map" }>;
  life: string;
  /** For fields: the owning type (constructors of it are initialization). */
  owner: string | null;
  decl: { node: GoNode; file: FileIR } | null;
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

class GrowthScan {
  /** `fn.key:index` → does every non-test call pass a constant there? */
  private readonly constantArgs = new Map<string, boolean>();

  constructor(
    private readonly ir: PackageIR,
    private readonly inspect: Inspector,
    private readonly scopes: Scopes,
    private readonly callgraph: CallGraph,
    private readonly locksets: Locksets,
  ) {}

  growingMaps(): GrowingMap[] {
    const ir = this.ir;
    const first = ir.files[0];
    if (!first) return [];
    const infer = this.scopes.of(first).infer;
    const tracked: Tracked[] = [];
    const globals = new Map<string, Tracked>();
    const fields = new Map<FieldIR, Tracked>();

    for (const v of ir.vars.values()) {
      if (v.isConst || v.file.file.isTest) continue;
      const t = v.type.k !== "unknown" ? v.type : infer.globalType(v.name) ?? v.type;
      const mt = mapType(ir, t);
      if (!mt) continue;
      const tr: Tracked = { id: `global:${v.name}`, name: v.name, type: mt, life: "It is a package-level variable, so it lives as long as the program", owner: null, decl: { node: v.node, file: v.file }, inserts: [], bounded: false, needsService: true };
      globals.set(v.name, tr);
      tracked.push(tr);
    }
    for (const [typeName, { why, needsService }] of this.longLivedTypes()) {
      const decl = ir.types.get(typeName);
      if (!decl || decl.type.k !== "struct") continue;
      for (const f of decl.type.fields) {
        if (f.embedded) continue;
        const mt = mapType(ir, f.type);
        if (!mt) continue;
        const tr: Tracked = { id: `field:${typeName}.${f.name}`, name: `${typeName}.${f.name}`, type: mt, life: `It is a field of ${typeName}, which lives as long as the program (${why})`, owner: typeName, decl: { node: f.node, file: decl.file }, inserts: [], bounded: false, needsService };
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

    // Every use of a tracked map: what it does to the map's size.
    for (const file of ir.files) {
      const scopes = this.scopes.of(file);
      for (const n of this.inspect.inFile(file, "identifier")) {
        const g = globals.get(n.text);
        if (g && n !== g.decl?.node && isGlobalRef(n, scopes)) this.classify(g, n, file, scopes, true);
      }
      for (const n of this.inspect.inFile(file, "selector_expression")) {
        const name = n.field("field")?.text ?? "";
        if (!fieldNames.has(name)) continue;
        const base = n.field("operand");
        const hit = base ? lookupField(ir, scopes.typeOf(base), name) : null;
        const tr = hit ? fields.get(hit.field) : undefined;
        // Operand of unknown type: it may be any tracked field of that name; let it bound them, never grow them.
        const weak: readonly Tracked[] = hit ? NO_TRACKED : [...fields.entries()].filter(([f]) => f.name === name).map(([, t]) => t);
        for (const w of weak) this.classify(w, n, file, scopes, false);
        if (tr) this.classify(tr, n, file, scopes, true);
      }
      for (const n of this.inspect.inFile(file, "assignment_statement")) {
        // Whole-struct resets outside initialization: `*c = Cache{...}`, `c.state = State{}` style replacements.
        for (const owner of this.resetOwners(n, scopes, ownerTypes)) {
          if (!this.inInitContext(n, owner)) for (const t of ownerTypes.get(owner) ?? []) t.bounded = true;
        }
      }
    }

    const enums = this.enumTypes();
    const service = isServicePackage(ir);
    const order = new Map(ir.files.map((f, i) => [f, i]));
    const out: GrowingMap[] = [];
    for (const t of tracked) {
      if (t.bounded || boundedKey(ir, t.type.key, enums)) continue;
      const growth = t.inserts.filter((s) => !s.file.file.isTest && !this.insertAtInit(s.ix, t.owner) && !isConstantExpr(ir, s.ix.field("index")!, s.scopes) && !this.constantFromCallers(s.ix.field("index")!, s.scopes));
      if (!growth.length) continue;
      // A package-level map lives as long as the program, which matters when the program runs for long:
      // a network service, or code that guards the map with a lock for concurrent callers.
      if (t.needsService && !service && !growth.some((g) => this.underLock(g.ix))) continue;
      growth.sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.ix.start - b.ix.start);
      const site = growth[0]!;
      out.push({
        id: t.id,
        name: t.owner ? exprKey(site.ix.field("operand")!) : t.name,
        site: site.ix,
        file: site.file,
        life: t.life,
        weight: weightOf(ir, t.type.val),
        decl: t.decl,
      });
    }
    return out;
  }

  /** What a use of a tracked map does to its size. */
  private classify(t: Tracked, e: GoNode, file: FileIR, scopes: FileScopes, known: boolean): void {
    const p = parentOf(e);
    if (!p) return;
    if (p.type === "index_expression" && stripParens(p.field("operand")!) === stripParens(e)) {
      if (isIndexWrite(p) && known) t.inserts.push({ ix: p, file, scopes });
      return;
    }
    if (isStoreTarget(e)) {
      // Initialization (package-level, init, constructors, `if m == nil { m = make(...) }`) is not a reset.
      if (!this.inInitContext(e, t.owner) && !isLazyInit(e)) t.bounded = true;
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
  private resetOwners(n: GoNode, scopes: FileScopes, owners: Map<string, Tracked[]>): string[] {
    const out: string[] = [];
    for (const l of n.field("left")?.children ?? []) {
      const x = stripParens(l);
      if (x.type === "unary_expression" && x.field("operator")?.text === "*") {
        const name = localTypeName(scopes.typeOf(x.field("operand")!));
        if (name && owners.has(name)) out.push(name);
      } else if (x.type === "identifier" && isGlobalRef(x, scopes) && this.ir.vars.has(x.text)) {
        // The long-lived holder itself is replaced: the old value and its maps are dropped.
        const name = localTypeName(scopes.typeOf(x));
        if (name && owners.has(name)) out.push(name);
      } else if (x.type === "selector_expression" || x.type === "index_expression") {
        const name = localTypeName(scopes.typeOf(x));
        if (name && owners.has(name) && underlying(this.ir, { k: "named", name, pkg: null }).k === "struct") out.push(name);
      }
    }
    return out;
  }

  /** Package-level initializer, init(), main() (for assignments), or a constructor of the owning type. */
  private inInitContext(n: GoNode, owner: string | null): boolean {
    const decl = enclosingDecl(n);
    if (!decl) return true;
    const fn = funcOfDecl(this.ir, decl);
    if (!fn) return false;
    if (fn.recv === null && (fn.name === "init" || (fn.name === "main" && this.ir.pkg.name === "main"))) return true;
    return owner !== null && isConstructorOf(fn, owner);
  }

  /** An insertion that happens only while the program starts. */
  private insertAtInit(ix: GoNode, owner: string | null): boolean {
    if (inOnceDo(ix)) return true;
    const decl = enclosingDecl(ix);
    if (!decl) return true;
    const fn = funcOfDecl(this.ir, decl);
    if (!fn) return false;
    if (fn.recv === null && fn.name === "init") return true;
    if (owner !== null && isConstructorOf(fn, owner)) return true;
    // Registration functions fill tables from code (`Register("gzip", ...)`), not from requests.
    if (REGISTRATION.test(fn.name) && !handlesRequests(this.ir, fn)) return true;
    // Route tables: `mux.Handle(pattern, handler)` keeps the handler it is given.
    if (ROUTE_REGISTRATION.test(fn.name) && !handlesRequests(this.ir, fn) && this.keepsHandler(fn)) return true;
    // A package function only ever called at initialization (init, package-level initializers, once.Do).
    if (fn.recv === null && !fn.exported) {
      const sites = this.initSitesOf(fn);
      if (sites && sites.length && sites.every((c) => (c.type === "identifier" || this.inInitContext(c, null) || inOnceDo(c)) && funcOfDecl(this.ir, enclosingDecl(c))?.name !== "main")) return true;
    }
    return false;
  }

  /**
   * Where an unexported package function is used: its calls, and the
   * function named as the argument of `once.Do(f)`. Null when it is used as a
   * value anywhere else (callers unknown).
   */
  private initSitesOf(fn: FuncIR): GoNode[] | null {
    const refs = this.callgraph.references(fn);
    if (!refs.values.every(isOnceDoArgument)) return null;
    return [...refs.calls, ...refs.values];
  }

  /**
   * Does `fn` take a handler (a func value, an http.Handler or a type named like
   * one) that it keeps or passes on without calling it? That is what a route
   * table's `Handle(pattern, h)` does; a cache's `Get(k, load func...)` calls
   * `load`, and an HTTP handler takes a request (checked by the caller).
   */
  private keepsHandler(fn: FuncIR): boolean {
    if (!fn.body) return false;
    const scopes = this.scopes.of(fn.file);
    return fn.params.some((p) => {
      if (!p.name || p.name === "_" || !p.node) return false;
      const isHandler = p.type.k === "func" || (p.type.k === "named" && HANDLER_TYPE.test(p.type.name));
      const v = isHandler ? scopes.resolve(p.node) : undefined;
      if (!v) return false;
      const uses = scopes.uses(v).filter((n) => n !== v.decl);
      // `h(w, r)` or `h.ServeHTTP(w, r)`: the function runs the handler, it doesn't just keep it.
      const called = uses.some((n) => {
        const q = parentOf(n);
        const method = q?.type === "selector_expression" && q.field("operand") === n;
        const call = method ? parentOf(q) : q;
        return call?.type === "call_expression" && call.field("function") === (method ? q : n);
      });
      return uses.length > 0 && !called;
    });
  }

  /**
   * The key is a parameter of an unexported package function that every call
   * outside tests passes a constant for (`newLoggingConn("server", c)`), and the
   * function never assigns it: the key set is those constants.
   */
  private constantFromCallers(key: GoNode, scopes: FileScopes): boolean {
    const k = stripParens(key);
    if (k.type !== "identifier") return false;
    const v = scopes.resolve(k);
    if (!v || v.kind !== "param") return false;
    const fn = funcOfDecl(this.ir, v.func);
    if (!fn || fn.recv !== null || fn.exported || !fn.body) return false;
    const index = fn.params.findIndex((p) => p.node === v.decl);
    if (index < 0 || fn.params[index]!.variadic) return false;
    if (scopes.writes(v).length || scopes.uses(v).some(isAddressTaken)) return false;
    const memo = `${fn.key}:${index}`;
    let constant = this.constantArgs.get(memo);
    if (constant === undefined) this.constantArgs.set(memo, (constant = this.constantEverywhere(fn, index)));
    return constant;
  }

  /** Does every call of `fn` outside tests pass a constant as argument `index` (and is it never used as a value there)? */
  private constantEverywhere(fn: FuncIR, index: number): boolean {
    // Tests may call it with anything; they don't run in the long-lived program.
    const inTest = (n: GoNode) => fileOfNode(this.ir, n)?.file.isTest ?? false;
    const refs = this.callgraph.references(fn);
    if (refs.values.some((n) => !inTest(n))) return false;
    let calls = 0;
    for (const call of refs.calls) {
      const file = fileOfNode(this.ir, call);
      if (!file || file.file.isTest) continue;
      const arg = args(call)[index];
      if (!arg || arg.type === "variadic_argument" || !isConstantExpr(this.ir, arg, this.scopes.of(file))) return false;
      calls++;
    }
    return calls > 0;
  }

  /** Is a lock held at `n` by the code of its declared function? */
  private underLock(n: GoNode): boolean {
    const fn = enclosingDecl(n);
    return !!fn && this.locksets.heldAt(n, fn).size > 0;
  }

  /** Package types with declared constants (at package level): enums. */
  private enumTypes(): Set<string> {
    const out = new Set<string>();
    for (const n of this.inspect.nodes("const_spec")) {
      if (enclosingDecl(n)) continue;
      const t = n.field("type");
      if (t?.type === "type_identifier" && this.ir.types.has(t.text)) out.add(t.text);
    }
    return out;
  }

  /** Types whose values live as long as the program, with the reason. */
  private longLivedTypes(): Map<string, { why: string; needsService: boolean }> {
    const ir = this.ir;
    const out = new Map<string, { why: string; needsService: boolean }>();
    const mark = (name: string | null, why: string, needsService = false) => {
      // Types of test files live as long as a test binary: not long-lived.
      if (name && ir.types.has(name) && !ir.types.get(name)!.file.file.isTest && !out.has(name)) out.set(name, { why, needsService });
    };
    for (const [name, methods] of ir.methods) if (methods.has("ServeHTTP")) mark(name, "it has a ServeHTTP method");
    const infer = this.scopes.of(ir.files[0]!).infer;
    for (const v of ir.vars.values()) {
      if (v.isConst || v.file.file.isTest) continue;
      const t = v.type.k !== "unknown" ? v.type : infer.globalType(v.name) ?? v.type;
      mark(localTypeName(t), `it is held in package variable ${v.name}`, true);
    }
    const handler = (name: string | null) => mark(name, "it is registered as an HTTP handler");
    for (const file of ir.files) {
      if (file.file.isTest) continue;
      const scopes = this.scopes.of(file);
      for (const n of this.inspect.inFile(file, "call_expression")) {
        if (HTTP_REGISTRATION.test(calleeText(n))) for (const a of args(n)) handlerType(scopes, a, handler);
      }
      for (const n of this.inspect.inFile(file, "keyed_element")) {
        if (n.field("key")?.text !== "Handler") continue;
        const v = n.field("value")?.children[0];
        if (v) handlerType(scopes, v, handler);
      }
    }
    for (const fn of ir.funcs.values()) {
      if (fn.recv !== null || !fn.body || fn.file.file.isTest || !(fn.name === "init" || (fn.name === "main" && ir.pkg.name === "main"))) continue;
      const scopes = this.scopes.of(fn.file);
      const made = [...this.inspect.within(fn.body, "composite_literal", { skipFuncLits: true }), ...this.inspect.within(fn.body, "call_expression", { skipFuncLits: true })];
      for (const n of made) {
        const p = parentOf(n);
        // Only values kept: assigned to a variable (not temporaries inside expressions).
        if (p?.type === "expression_list" || (p?.type === "unary_expression" && parentOf(p)?.type === "expression_list")) mark(localTypeName(scopes.typeOf(n)), `it is created in ${fn.name}`);
      }
    }
    for (const name of mutexOwningTypes(ir)) {
      const methods = [...(ir.methods.get(name)?.keys() ?? [])].sort();
      const getter = methods.find((m) => CACHE_GETTERS.test(m));
      const setter = methods.find((m) => CACHE_SETTERS.test(m));
      if (getter && setter) mark(name, `it owns a mutex and has the cache-style methods ${getter} and ${setter}`);
    }
    return out;
  }
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

/** Is `n` the function argument of a `once.Do(...)` (by the method's name, as the concurrency API names it)? */
function isOnceDoArgument(n: GoNode): boolean {
  const arg = argumentOf(n);
  return !!arg && calleeText(arg.call).endsWith(`.${ONCE.method}`);
}

/** Inside a function literal passed to `once.Do(...)`: runs once. */
function inOnceDo(n: GoNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === "func_literal" && isOnceDoArgument(p)) return true;
  return false;
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

function handlerType(scopes: FileScopes, arg: GoNode, mark: (name: string | null) => void): void {
  const a = stripParens(arg);
  mark(localTypeName(scopes.typeOf(a)));
  if (a.type === "selector_expression" && a.field("operand")) mark(localTypeName(scopes.typeOf(a.field("operand")!)));
  if (a.type === "call_expression" || a.type === "type_conversion_expression") {
    for (const x of a.field("arguments")?.children ?? (a.field("operand") ? [a.field("operand")!] : [])) handlerType(scopes, x, mark);
  }
}

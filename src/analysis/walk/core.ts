/**
 * The walk's core: what every part of the abstract walk shares. Its state
 * (symbols, type cache, function values, channel contents), the step budget,
 * declarations, types, and what the walk records: goroutines, sync events,
 * allocations and accesses (with the locks, loops and goroutine instance
 * they happen in).
 */
import type { GoNode } from "../../parse/node.js";
import type { GoType, PackageIR } from "../../ir/types.js";
import { TypeInference, type LocalTypes } from "../../ir/infer.js";
import { localTypeName } from "../../ir/lookup.js";
import { derefType, typeString, UNKNOWN } from "../../ir/type-expr.js";
import { underlying } from "../../ir/index.js";
import type { SourceSpan } from "../../report/finding.js";
import type { Access, AccessKind, Site, SyncEvent, Thread } from "../facts.js";
import type { NoReturn } from "../base/noreturn.js";
import { spanOf, stripParens } from "../../ir/syntax.js";
import { allocValue, isAtOrBelow, isFuncValue, recvValue, republish, splitValue, symValue } from "../values.js";
import { Env, type FuncVal, type Sym, type ThreadCtx, type WalkState } from "../state.js";
import { BudgetExceeded, Collector, MAX_DEPTH, RootBudgetExceeded } from "./common.js";

export abstract class WalkCore {
  protected symIds = 0;
  protected maxDepth = MAX_DEPTH;
  protected rootBudgetEnd = Infinity;
  protected typeCache = new WeakMap<GoNode, GoType>();
  protected invocations = 0;
  protected funcVals = new Map<string, FuncVal>();
  protected chanContents = new Map<string, Set<string>>();
  /** Channel receives of the current root walk: how much the channel held when read. */
  protected chanReads = new Map<string, number>();
  protected fieldStores = new Map<GoNode, Array<{ field: string; offset: number }>>();
  readonly infer: TypeInference;
  /**
   * A struct of the package reached through a pointer held in another object (a field, an
   * element, a map value) is any value of its type, `recv:T`, as an entry point's receiver
   * is: however it is reached, `c.acc.imports.m`, `accounts[k].imports.m` and an
   * `(*Account)` method's `a.imports.m` are one map. Set with the summary core.
   */
  typeIdentity = false;
  /**
   * Lock classes of pointer-to-mutex fields set to another struct's mutex
   * (`&keeper{mu: &t.tokensMu}`, `k.mu = &t.tokensMu`): `keeper.mu` → `T.tokensMu`, or null
   * when set to mutexes of different classes. Locking through the field is locking that
   * mutex; pairing reads the table once the walk is over, whatever the order of the walk.
   */
  readonly lockAliases = new Map<string, string | null>();


  constructor(
    readonly ir: PackageIR,
    /** Where the walk records: the package's collector, or the summary being made. */
    protected out: Collector,
    readonly budget: number,
    protected readonly noReturn: NoReturn,
    infer?: TypeInference,
  ) {
    this.infer = infer ?? new TypeInference(ir);
  }

  protected newThread(label: string, kind: Thread["kind"], multi: boolean, parent: number | null, spawnSeq: number, site: Site | null, root: string, afterParent: boolean): Thread {
    const rootWalk = parent === null ? ++this.out.rootWalks : this.out.threads[parent]!.rootWalk;
    const t: Thread = { id: this.out.threads.length, label, kind, multi, parent, spawnSeq, site, afterParent, root, rootWalk, escapes: false, startSeq: spawnSeq, multiFromLoop: false, severalPerParent: multi };
    this.out.threads.push(t);
    if (parent !== null) this.out.noteStart(parent);
    return t;
  }

  protected threadCtx(thread: Thread, instanceKeys: Set<string>): ThreadCtx {
    // The keys at the start are the spawn keys too: one set until the goroutine adds its own (addInstanceKey).
    this.out.instanceKeys.set(thread.id, instanceKeys);
    this.out.spawnKeys.set(thread.id, instanceKeys);
    return { thread, seq: 0, instanceKeys, spawnKeys: instanceKeys, passedOnce: new Set() };
  }

  /** A key each instance of the goroutine has for itself (copied off the spawn keys on the first). */
  /** @internal */ addInstanceKey(ctx: ThreadCtx, key: string): void {
    if (ctx.instanceKeys.has(key)) return;
    if (ctx.instanceKeys === ctx.spawnKeys) {
      ctx.instanceKeys = new Set(ctx.instanceKeys);
      this.out.instanceKeys.set(ctx.thread.id, ctx.instanceKeys);
    }
    ctx.instanceKeys.add(key);
  }

  protected step(): void {
    if (++this.out.steps > this.budget) throw new BudgetExceeded();
    if (this.out.steps > this.rootBudgetEnd) throw new RootBudgetExceeded();
  }

  protected declare(env: Env, name: string, type: GoType, values: Set<string>, decl: GoNode | null, st: WalkState | null): Sym {
    const sym: Sym = { id: ++this.symIds, name, type, values, decl, };
    if (name !== "_") env.set(name, sym);
    if (st) {
      // A variable's storage is per iteration of the loops around its declaration and per goroutine instance.
      for (const l of st.loops) l.perIteration.add(symValue(sym.id));
      if (st.thread.thread.multi) this.addInstanceKey(st.thread, symValue(sym.id));
    }
    if (decl && st) this.out.origins.set(symValue(sym.id), { node: decl, file: st.frame.file });
    if (st) this.out.createdIn.set(symValue(sym.id), st.thread.thread.id);
    return sym;
  }

  protected localsOf(env: Env): LocalTypes {
    return (name) => env.lookup(name)?.type;
  }

  /** Static types depend only on lexical scope, so they are computed once per node. */
  protected typeOf(expr: GoNode | undefined, env: Env, st: WalkState): GoType {
    if (!expr) return UNKNOWN;
    let t = this.typeCache.get(expr);
    if (!t) {
      t = this.infer.typeOf(expr, st.frame.file, this.localsOf(env));
      this.typeCache.set(expr, t);
    }
    return t;
  }

  protected under(t: GoType): GoType {
    return underlying(this.ir, t);
  }

  /** A new abstract object for make/new/composite literal. Constructors' allocations are published as `recv:Type`. */
  protected alloc(node: GoNode, st: WalkState, t: GoType): string {
    const key = allocValue(st.frame.file.file.relPath, node.start, st.frame.invocation);

    if (st.loops.length && !this.out.allocLoops.has(key)) this.out.allocLoops.set(key, new Set(st.loops.map((l) => l.node)));
    if (st.thread.thread.multi) this.addInstanceKey(st.thread, key);
    for (const l of st.loops) l.perIteration.add(key);
    if (!this.out.origins.has(key)) this.out.origins.set(key, { node, file: st.frame.file });
    this.out.createdIn.set(key, st.thread.thread.id);
    const typeName = localTypeName(t);
    const fn = st.frame.fn;
    // Only the entry function's own allocation is "the value its caller gets": a constructor walked as a root.
    const isRootFrame = st.frame.depth === 1 && st.thread.thread.parent === null;
    if (isRootFrame && typeName && fn && fn.results.some((r) => localTypeName(r.type) === typeName)) this.out.published.set(key, recvValue(typeName));
    return key;
  }

  /** Canonical identity across roots: constructor allocations become the receiver identity of their type. */
  /** `base` as typeIdentity sees it, for a value of type `t` (see typeIdentity). */
  protected heapBases(base: ReadonlySet<string>, t: GoType, st?: WalkState): ReadonlySet<string> {
    if (!this.typeIdentity || !base.size) return base;
    const name = pointeeStruct(this.ir, this.under(t));
    if (!name) return base;
    let out: Set<string> | null = null;
    for (const b of base) {
      if (isFuncValue(b) || splitValue(b).path === "") continue;
      out ??= new Set(base);
      out.delete(b);
      out.add(recvValue(name));
      // One instance's own value (`go func(g *Group) { g.run() }(g)` per element) stays its own
      // as its type's identity: on this goroutine, what it reaches through it is per instance.
      if (st?.thread.thread.multi && isPerInstanceOn(st.thread.instanceKeys, b)) this.addInstanceKey(st.thread, recvValue(name));
      // In a summary, what it stood for: per instance or not is the caller's to say.
      if (st && st.thread.thread.id === 0 && this.inSummary()) this.noteTypeIdBase(recvValue(name), b);
    }
    return out ?? base;
  }

  /** Is the walk recording a function's summary (not an entry point's walk)? */
  /** @internal */ inSummary(): boolean {
    return false;
  }

  /** @internal */ noteTypeIdBase(typeId: string, base: string): void {
    const root = splitValue(base).root;
    if (!(root.startsWith("param:") || this.out.createdIn.has(root))) return;
    const bases = this.out.typeIdBases.get(typeId);
    if (bases) bases.add(base);
    else this.out.typeIdBases.set(typeId, new Set([base]));
  }

  canonicalKey(key: string): string {
    return republish(key, this.out.published);
  }

  /** Waits being recorded for a select case (walkSelect scopes them to the case when it leaves). */
  protected scopedWaits: SyncEvent[] | null = null;

  /** An ordering event; `one` for a send or receive of one message (SyncEvent.one). */
  protected event(key: string, op: "signal" | "wait", st: WalkState, one = false, sent?: ReadonlySet<string>): void {
    st.thread.seq++;
    const e: SyncEvent = { key: this.canonicalKey(key), thread: st.thread.thread.id, seq: st.thread.seq, op, loops: st.loops.map((l) => l.node) };
    if (one) e.one = true;
    if (sent?.size) e.sent = new Set([...sent].map((v) => splitValue(v).root));
    if (op === "wait" && this.scopedWaits) {
      // Scoped once the case is walked; until then a placeholder keeps it apart when merging.
      e.scopeEnd = Infinity;
      this.scopedWaits.push(e);
    }
    this.out.addEvent(e);
    st.thread.seq++;
  }

  protected originSpan(key: string): SourceSpan | null {
    const o = this.out.origins.get(key);
    return o ? spanOf(o.node, o.file) : null;
  }

  protected record(kind: AccessKind, vals: ReadonlySet<string>, objExpr: GoNode, node: GoNode, env: Env, st: WalkState, t: GoType, index: GoNode | undefined): void {
    if (!vals.size) return;
    const u = this.under(derefType(this.under(t)));
    const objKind = u.k === "map" ? "map" : u.k === "slice" || u.k === "array" ? "slice" : null;
    if (!objKind) return;
    // A slice variable that may hold one of several backing arrays (reslicing, append results,
    // `z = z.make(n)`) is not known to be the shared one: precision first.
    if (objKind === "slice" && vals.size > 1) return;
    const file = st.frame.file;
    const perInstanceIndex = index ? this.indexIsPerInstance(index, env, st) : false;
    const indexValues = index && !perInstanceIndex && this.inSummary() ? this.indexVariableValues(index, env) : undefined;
    const viaCopy = objKind === "slice" && this.holdsHeaderCopy(objExpr, env);
    for (const raw of vals) {
      if (isFuncValue(raw)) continue;
      const key = raw;
      if (!this.out.objects.has(key)) {
        this.out.objects.set(key, {
          key,
          name: objExpr.text.length > 60 ? objExpr.text.slice(0, 57) + "..." : objExpr.text,
          kind: objKind,
          type: typeString(t) === "?" ? null : typeString(t),
          created: this.originSpan(key),
        });
      }
      st.thread.seq++;
      const access: Access = {
        id: this.out.accesses.length,
        object: -1,
        key,
        kind,
        text: node.text.length > 80 ? node.text.slice(0, 77) + "..." : node.text,
        span: spanOf(node, file),
        node,
        thread: st.thread.thread.id,
        seq: st.thread.seq,
        locks: st.locks.values(),
        unknownLock: st.locks.unknown > 0,
        function: st.frame.fnName,
        root: st.thread.thread.root,
        via: st.frame.via,
        perInstanceIndex,
        loops: st.loops.map((l) => l.node),
        ...(viaCopy ? { viaCopy: true as const } : {}),
        ...(indexValues ? { indexValues } : {}),
      };
      this.out.addAccess(access, st.frame.onceKey ?? undefined, st.thread.passedOnce, st.locks.released());
    }
  }

  /**
   * Is `e` a local variable or parameter holding a copy of another slice's header (its
   * identities are a field's, a parameter's or an element's, not a slice it made itself)?
   */
  protected holdsHeaderCopy(e: GoNode, env: Env): boolean {
    const x = stripParens(e);
    if (x.type !== "identifier") return false;
    const sym = env.lookup(x.text);
    if (!sym) return false;
    // A parameter is its function's own copy of the caller's header.
    const declType = sym.decl?.parent?.type;
    if (declType === "parameter_declaration" || declType === "variadic_parameter_declaration") return true;
    if (!sym.values.size) return false;
    for (const v of sym.values) {
      const { root, path } = splitValue(v);
      if (path === "" && !root.startsWith("param:")) return false;
    }
    return true;
  }

  /** Does the expression use a variable declared in the innermost loop being walked? */
  protected mentionsPerIterationVar(n: GoNode, env: Env, st: WalkState): boolean {
    const loop = st.loops[st.loops.length - 1];
    if (!loop) return false;
    const stack = [n];
    while (stack.length) {
      const x = stack.pop()!;
      if (x.type === "identifier") {
        const sym = env.lookup(x.text);
        if (sym && loop.perIteration.has(symValue(sym.id))) return true;
      }
      for (const c of x.children) stack.push(c);
    }
    return false;
  }

  /** `results[i]` where i is the goroutine's own parameter, or a variable declared per iteration. */
  protected indexIsPerInstance(index: GoNode, env: Env, st: WalkState): boolean {
    const idx = stripParens(index);
    if (idx.type !== "identifier") return false;
    const sym = env.lookup(idx.text);
    if (!sym) return false;
    const key = symValue(sym.id);
    if (st.thread.spawnKeys.has(key)) return true;
    // A parameter of the goroutine's function literal: each instance gets its own argument.
    return st.thread.thread.multi && !!sym.decl && sym.decl.parent?.type === "parameter_declaration" && this.declaredInThreadStart(sym, st);
  }

  /** The values of an index that is a variable (a parameter's are symbolic in a summary), or undefined. */
  protected indexVariableValues(index: GoNode, env: Env): string[] | undefined {
    const idx = stripParens(index);
    if (idx.type !== "identifier") return undefined;
    const sym = env.lookup(idx.text);
    if (!sym) return undefined;
    return sym.values.size ? [...sym.values] : [symValue(sym.id)];
  }

  protected declaredInThreadStart(sym: Sym, _st: WalkState): boolean {
    // The parameter belongs to a function literal or function started by `go` (the frame chain's outermost call).
    let n: GoNode | null = sym.decl;
    while (n && n.type !== "func_literal" && n.type !== "function_declaration" && n.type !== "method_declaration") n = n.parent;
    return !!n && n.parent?.type === "call_expression" && n.parent.parent?.type === "go_statement";
  }
}

export function isPerInstanceOn(keys: ReadonlySet<string>, value: string): boolean {
  if (keys.has(value)) return true;
  for (const k of keys) if (isAtOrBelow(value, k)) return true;
  return false;
}

/** The package struct type a pointer points to (`*T` → `T`), or null. */
function pointeeStruct(ir: PackageIR, t: GoType): string | null {
  if (t.k !== "ptr" || t.elem.k !== "named" || t.elem.pkg !== null) return null;
  const decl = ir.types.get(t.elem.name);
  return decl && decl.type.k === "struct" ? t.elem.name : null;
}

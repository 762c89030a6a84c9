/**
 * Calls: what a call may invoke (declared functions and methods of the
 * package, function literals and values), walked inline with the arguments
 * bound, no deeper than the depth limit and never recursively; builtins; and
 * the library calls that start goroutines (the concurrency API table).
 */
import type { GoNode } from "../../parse/node.js";
import type { FileIR, FuncIR, GoType } from "../../ir/types.js";
import { lookupMethod } from "../../ir/lookup.js";
import { typeFromNode, UNKNOWN } from "../../ir/type-expr.js";
import type { Site, Thread } from "../facts.js";
import { PARALLEL_METHOD, spawnLabel, spawnOfFunc, type SpawnSpec } from "../concurrency-api.js";
import { spanOf, stripParens } from "../../ir/syntax.js";
import { literalSite, symValue } from "../values.js";
import { Env, LockState, type Frame, type FuncVal, type WalkState } from "../state.js";
import { ExpressionWalker } from "./expressions.js";
import { addHops, heightOf, MAX_FUNCVALS, MAX_NESTING, NO_VALUES } from "./common.js";

export abstract class CallWalker extends ExpressionWalker {
  /** A body is a block of statements (statements.ts). */
  protected abstract walkBody(body: GoNode | undefined, env: Env, st: WalkState): void;


  /** Locks, WaitGroups, Once and other library methods with a concurrency meaning (sync.ts). */
  protected abstract syncKey(operand: GoNode, env: Env, st: WalkState): string | null;
  protected abstract evalSpecialMethod(operand: GoNode, method: string, call: GoNode, args: GoNode[], env: Env, st: WalkState): ReadonlySet<string>[] | null;


  /** The function value an identity stands for, if any. */
  protected funcValOf(value: string): FuncVal | undefined {
    return this.funcVals.get(value);
  }

  /** What a call's function expression may refer to. Evaluates calls nested in it (`c.locked()()`). */
  protected callTargets(call: GoNode, env: Env, st: WalkState): FuncVal[] {
    const fn = stripParens(call.field("function") ?? call);
    return this.funcValsOf(fn, env, st);
  }

  protected funcValsOf(e: GoNode, env: Env, st: WalkState): FuncVal[] {
    const x = stripParens(e);
    if (x.type === "func_literal") return [this.literalVal(x, env, st)];
    if (x.type === "identifier") {
      const sym = env.lookup(x.text);
      if (sym) return [...sym.values].map((v) => this.funcValOf(v)).filter((f): f is FuncVal => !!f);
      const decl = this.ir.funcs.get(x.text);
      return decl ? [this.declVal(decl, null)] : [];
    }
    if (x.type === "selector_expression") {
      const operand = x.field("operand")!;
      const name = x.field("field")?.text ?? "";
      if (operand.type === "identifier" && this.infer.importPath(st.frame.file, operand.text, this.localsOf(env)) !== undefined) return [];
      const hit = lookupMethod(this.ir, this.typeOf(operand, env, st), name);
      if (hit) {
        const recv = this.evalExpr(operand, env, st);
        return [this.declVal(hit.method, addHops(recv, hit.hops))];
      }
      return [];
    }
    if (x.type === "call_expression") {
      const results = this.evalCall(x, env, st);
      return [...(results[0] ?? [])].map((v) => this.funcValOf(v)).filter((f): f is FuncVal => !!f);
    }
    return [];
  }

  /** Walks the body of a function value with arguments bound; returns its results' identities. */
  protected invoke(fv: FuncVal, args: ReadonlySet<string>[], st: WalkState, site: Site | null, isThreadStart: boolean): ReadonlySet<string>[] {
    if (fv.decl) return this.invokeDecl(fv.decl, fv.recv, args, st, site, isThreadStart);
    const lit = fv.literal!;
    const guard = literalSite(fv.key);
    if (st.frame.active.has(guard) || st.frame.depth >= this.maxDepth) return [];
    const nesting = st.frame.nesting + heightOf(lit.field("body"));
    if (nesting > MAX_NESTING) return [];
    const env = new Env(fv.env);
    const frame: Frame = {
      ...st.frame,
      fn: st.frame.fn,
      file: fv.file,
      results: [],
      returns: [],
      deferredUnlocks: [],
      deferredCalls: [],
      via: isThreadStart ? st.frame.via : st.frame.via,
      depth: st.frame.depth + 1,
      nesting,
      active: new Set([...st.frame.active, guard]),
      invocation: ++this.invocations,
    };
    const fst: WalkState = { ...st, frame };
    this.bindParams(env, this.paramsOfLiteral(lit, fv.file), args, fst);
    this.walkBody(lit.field("body"), env, fst);
    st.locks.assign(fst.locks);
    return frame.returns;
  }

  protected paramsOfLiteral(lit: GoNode, file: FileIR): Array<{ name: string; type: GoType; node: GoNode | null; variadic: boolean }> {
    const out: Array<{ name: string; type: GoType; node: GoNode | null; variadic: boolean }> = [];
    for (const decl of lit.field("parameters")?.children ?? []) {
      const variadic = decl.type === "variadic_parameter_declaration";
      let type = typeFromNode(decl.field("type"), file.imports);
      if (variadic) type = { k: "slice", elem: type };
      const names = decl.fieldAll("name");
      if (!names.length) out.push({ name: "", type, node: null, variadic });
      for (const n of names) out.push({ name: n.text, type, node: n, variadic });
    }
    return out;
  }

  protected invokeDecl(decl: FuncIR, recv: ReadonlySet<string> | null, args: ReadonlySet<string>[], st: WalkState, site: Site | null, isThreadStart: boolean): ReadonlySet<string>[] {
    if (!decl.body) return [];
    if (st.frame.active.has(decl.key) || st.frame.depth >= this.maxDepth) return [];
    const nesting = st.frame.nesting + heightOf(decl.body);
    if (nesting > MAX_NESTING) return [];
    const env = new Env(null);
    const frame: Frame = {
      fn: decl,
      fnName: decl.key,
      file: decl.file,
      results: [],
      returns: [],
      deferredUnlocks: [],
      deferredCalls: [],
      via: site && !isThreadStart ? [...st.frame.via, site] : st.frame.via,
      depth: st.frame.depth + 1,
      nesting,
      active: new Set([...st.frame.active, decl.key]),
      onceKey: st.frame.onceKey,
      invocation: ++this.invocations,
    };
    const fst: WalkState = { ...st, frame };
    if (decl.recv && decl.recv.name) {
      const rt: GoType = decl.recv.pointer ? { k: "ptr", elem: { k: "named", name: decl.recv.typeName, pkg: null } } : { k: "named", name: decl.recv.typeName, pkg: null };
      this.declare(env, decl.recv.name, rt, new Set(recv ?? []), decl.recv.node, fst);
    }
    this.bindParams(env, decl.params, args, fst);
    for (const r of decl.results) {
      if (r.name) frame.results.push(this.declare(env, r.name, r.type, new Set(), r.node, fst));
    }
    this.walkBody(decl.body, env, fst);
    st.locks.assign(fst.locks);
    return frame.returns;
  }

  protected bindParams(env: Env, params: Array<{ name: string; type: GoType; node: GoNode | null; variadic: boolean }>, args: ReadonlySet<string>[], st: WalkState): void {
    params.forEach((p, i) => {
      if (!p.name) return;
      const vals = new Set<string>(p.variadic ? args.slice(i).flatMap((a) => [...a]) : args[i] ?? []);
      const sym = this.declare(env, p.name, p.type, vals, p.node, st);
      // A parameter with nothing bound (an entry point's own parameter) is its own identity.
      if (vals.size === 0) sym.values.add(symValue(sym.id));
    });
  }

  /** Evaluates a call: builtins, sync primitives, spawners, package functions (inlined). Returns result identities. */
  protected evalCall(call: GoNode, env: Env, st: WalkState): ReadonlySet<string>[] {
    this.step();
    const fn = stripParens(call.field("function") ?? call);
    const argNodes = call.field("arguments")?.children ?? [];
    const file = st.frame.file;
    const locals = this.localsOf(env);

    if (fn.type === "identifier" && !env.lookup(fn.text) && !this.ir.funcs.has(fn.text)) {
      const builtin = this.evalBuiltin(fn.text, call, argNodes, env, st);
      if (builtin) return builtin;
    }
    // Conversions keep identity: []byte(x) is a copy for strings, but T(m) of a map type is the same map.
    const conv = this.infer.asType(fn, file, locals);
    if (conv) {
      const v = argNodes[0] ? this.evalExpr(argNodes[0], env, st) : NO_VALUES;
      const u = this.under(conv);
      return [u.k === "map" || u.k === "slice" || u.k === "ptr" || u.k === "func" ? v : NO_VALUES];
    }

    if (fn.type === "selector_expression") {
      const operand = fn.field("operand")!;
      const method = fn.field("field")?.text ?? "";
      const importPath = operand.type === "identifier" ? this.infer.importPath(file, operand.text, locals) : undefined;
      if (importPath !== undefined) return this.evalPackageCall(importPath, method, call, argNodes, env, st);
      const special = this.evalSpecialMethod(operand, method, call, argNodes, env, st);
      if (special) return special;
    }

    const targets = this.funcValsOf(fn, env, st);
    const args = argNodes.map((a) => (a.type === "func_literal" ? new Set([this.literalVal(a, env, st).key]) : this.evalExpr(a, env, st)));
    if (!targets.length) return [];
    const site: Site = { node: call, span: spanOf(call, file), label: `call to ${targets[0]!.name}` };
    const results: Set<string>[] = [];
    for (const fv of targets.slice(0, MAX_FUNCVALS)) {
      const r = this.invoke(fv, args, st, site, false);
      r.forEach((set, i) => {
        if (!results[i]) results[i] = new Set();
        for (const v of set) results[i]!.add(v);
      });
    }
    return results;
  }

  protected evalBuiltin(name: string, call: GoNode, args: GoNode[], env: Env, st: WalkState): ReadonlySet<string>[] | null {
    switch (name) {
      case "make":
      case "new": {
        for (const a of args.slice(1)) this.evalExpr(a, env, st);
        return [new Set([this.alloc(call, st, args[0] ? typeFromNode(args[0], st.frame.file.imports) : UNKNOWN)])];
      }
      case "append": {
        const first = args[0] ? this.evalExpr(args[0], env, st) : NO_VALUES;
        for (const a of args.slice(1)) this.evalExpr(a, env, st);
        return [first];
      }
      case "len":
      case "cap": {
        const a = args[0];
        if (a) {
          const vals = this.evalExpr(a, env, st);
          const t = this.typeOf(a, env, st);
          const k = this.under(t).k;
          // A slice's length is its header's: it conflicts with what sets the header (append, assignment).
          if (k === "map" || k === "slice") this.record("len", vals, a, call, env, st, t, undefined);
        }
        return [NO_VALUES];
      }
      case "delete":
      case "clear": {
        const a = args[0];
        if (a) {
          const vals = this.evalExpr(a, env, st);
          for (const x of args.slice(1)) this.evalExpr(x, env, st);
          const t = this.typeOf(a, env, st);
          const u = this.under(t).k;
          if (u === "map") this.record(name, vals, a, call, env, st, t, undefined);
          else if (u === "slice" && name === "clear") this.record("elem-write", vals, a, call, env, st, t, undefined);
        }
        return [NO_VALUES];
      }
      case "copy": {
        const dst = args[0];
        if (dst) {
          const vals = this.evalExpr(dst, env, st);
          const src = args[1];
          const srcVals = src ? this.evalExpr(src, env, st) : NO_VALUES;
          const t = this.typeOf(dst, env, st);
          if (this.under(t).k === "slice") this.record("copy", vals, dst, call, env, st, t, undefined);
          // The source's elements are read (a string source is no slice: record checks).
          if (src) this.record("elem-read", srcVals, src, call, env, st, this.typeOf(src, env, st), undefined);
        }
        return [NO_VALUES];
      }
      case "close": {
        const a = args[0];
        if (a) for (const k of this.evalExpr(a, env, st)) this.event(k, "signal", st);
        return [NO_VALUES];
      }
      case "panic":
      case "print":
      case "println":
      case "min":
      case "max":
      case "recover":
        for (const a of args) this.evalExpr(a, env, st);
        return [NO_VALUES];
      default:
        return null;
    }
  }

  /** Calls into other packages: spawners we know, everything else evaluated for its arguments only. */
  protected evalPackageCall(path: string, name: string, call: GoNode, args: GoNode[], env: Env, st: WalkState): ReadonlySet<string>[] {
    const spec = spawnOfFunc(path, name, args.length);
    if (spec) {
      this.librarySpawn(spec, name, call, args, null, env, st);
      return [NO_VALUES];
    }
    if (path === "net/http" && name === "HandlerFunc" && args[0]) {
      return [new Set(this.funcValsOf(args[0], env, st).map((f) => f.key))];
    }
    for (const a of args) if (a.type !== "func_literal") this.evalExpr(a, env, st);
    return [NO_VALUES];
  }

  /** A goroutine a library call starts (concurrency-api.ts): a callback, a handler, a parallel subtest. */
  protected librarySpawn(spec: SpawnSpec, name: string, call: GoNode, args: GoNode[], operand: GoNode | null, env: Env, st: WalkState): void {
    const fnArg = args[spec.funcArg]!;
    const others = args.filter((_, i) => i !== spec.funcArg);
    const site = (label: string): Site => ({ node: call, span: spanOf(call, st.frame.file), label });
    const where = `${st.frame.file.file.relPath}:${call.loc.start.line}`;
    const operandText = operand?.text ?? "";
    switch (spec.thread) {
      case "handler":
        if (operand) this.evalExpr(operand, env, st);
        for (const a of others) this.evalExpr(a, env, st);
        this.spawnHandler(fnArg, name === "Handle", call, env, st);
        return;
      case "subtest":
        for (const a of others) this.evalExpr(a, env, st);
        for (const fv of this.funcValsOf(fnArg, env, st).slice(0, MAX_FUNCVALS)) {
          if (fv.literal && callsParallel(fv.literal)) {
            this.spawn(fv, [], st, site(spec.siteLabel), "subtest", { multi: spec.many, afterParent: true, label: `${spec.threadLabel} at ${where}` });
          } else {
            this.invoke(fv, [], st, site("subtest"), false);
          }
        }
        return;
      case "callback": {
        const key = operand && spec.joinedByReceiverWait ? this.syncKey(operand, env, st) : null;
        for (const a of others) this.evalExpr(a, env, st);
        for (const fv of this.funcValsOf(fnArg, env, st).slice(0, MAX_FUNCVALS)) {
          this.spawn(fv, [], st, site(spawnLabel(spec.siteLabel, operandText)), "callback", { multi: spec.many, afterParent: false, label: `${spawnLabel(spec.threadLabel, operandText)} at ${where}`, ...(key ? { signalKey: key } : {}) });
        }
        return;
      }
    }
  }

  /** A handler runs once per request, many at a time. */
  protected spawnHandler(handler: GoNode, isHandlerValue: boolean, call: GoNode, env: Env, st: WalkState): void {
    const site: Site = { node: call, span: spanOf(call, st.frame.file), label: "HTTP handler registration" };
    const label = `HTTP handler registered at ${st.frame.file.file.relPath}:${call.loc.start.line}`;
    let targets: FuncVal[];
    if (isHandlerValue) {
      const hit = lookupMethod(this.ir, this.typeOf(handler, env, st), "ServeHTTP");
      targets = hit ? [this.declVal(hit.method, addHops(this.evalExpr(handler, env, st), hit.hops))] : this.handlerFuncConversion(handler, env, st);
    } else {
      targets = this.funcValsOf(handler, env, st);
    }
    for (const fv of targets.slice(0, MAX_FUNCVALS)) this.spawn(fv, [], st, site, "handler", { multi: true, afterParent: false, label });
  }

  protected handlerFuncConversion(handler: GoNode, env: Env, st: WalkState): FuncVal[] {
    const h = stripParens(handler);
    if (h.type === "call_expression" && h.field("function")?.text.endsWith("HandlerFunc")) {
      const a = h.field("arguments")?.children[0];
      return a ? this.funcValsOf(a, env, st) : [];
    }
    return [];
  }

  /** Starts a new goroutine running `fv` with the given arguments (already evaluated in the parent). */
  protected spawn(fv: FuncVal, args: ReadonlySet<string>[], st: WalkState, site: Site, kind: Thread["kind"], opts: { multi: boolean; afterParent: boolean; label: string; signalKey?: string }): Thread {
    const inLoop = st.loops.length > 0;
    const spawnSeq = inLoop ? st.loops[0]!.startSeq : st.thread.seq;
    const multi = opts.multi || inLoop || st.thread.thread.multi;
    const thread = this.newThread(opts.label, kind, multi, st.thread.thread.id, spawnSeq, site, st.thread.thread.root, opts.afterParent);
    thread.startSeq = st.thread.seq;
    thread.multiFromLoop = inLoop && !opts.multi && !st.thread.thread.multi;
    thread.severalPerParent = opts.multi || inLoop;
    if (thread.multiFromLoop) thread.loopsAround = st.loops.length;
    st.thread.seq++;
    const instanceKeys = new Set<string>(st.thread.thread.multi ? st.thread.instanceKeys : []);
    if (inLoop) for (const k of st.loops[st.loops.length - 1]!.perIteration) instanceKeys.add(k);
    const ctx = this.threadCtx(thread, instanceKeys);
    ctx.passedOnce = new Set(st.thread.passedOnce);
    const frame: Frame = { ...st.frame, via: [...st.frame.via, site], deferredUnlocks: [], deferredCalls: [], returns: [], results: [], onceKey: null };
    const cst: WalkState = { frame, thread: ctx, locks: new LockState(), loops: [] };
    this.invoke(fv, args, cst, site, true);
    if (opts.signalKey) this.event(opts.signalKey, "signal", cst);
    return thread;
  }
}

/** Does a subtest literal call `<t>.Parallel()` on its own parameter? */
function callsParallel(lit: GoNode): boolean {
  const param = lit.field("parameters")?.children[0]?.fieldAll("name")[0]?.text;
  if (!param) return false;
  const stack: GoNode[] = [lit.field("body")!].filter(Boolean);
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === "func_literal") continue;
    if (n.type === "call_expression" && n.field("function")?.text === `${param}.${PARALLEL_METHOD}`) return true;
    for (const x of n.children) stack.push(x);
  }
  return false;
}

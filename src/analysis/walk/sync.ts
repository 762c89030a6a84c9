/**
 * Methods with a concurrency meaning: Lock/RLock/Unlock/TryLock (which mutex,
 * which lock class), WaitGroup Done/Wait/Add, Once.Do, safe types, library
 * spawns on receivers, group Waits (the concurrency API table).
 */
import type { GoNode } from "../../parse/node.js";
import { embeddedSyncField, localTypeName, lookupField, lookupMethod } from "../../ir/lookup.js";
import { derefType } from "../../ir/type-expr.js";
import { CONCURRENT_SAFE_TYPES, GROUP_SIGNALS, GROUP_WAIT, LOCK_METHODS, MUTEX_TYPES, ONCE, spawnOfMethod, WAIT_GROUP } from "../concurrency-api.js";
import { spanOf, stripParens } from "../../ir/syntax.js";
import { globalValue, onceValue } from "../values.js";
import { Env, type WalkState } from "../state.js";
import type { GoType } from "../../ir/types.js";
import type { HeldLock } from "../facts.js";
import { CallWalker } from "./calls.js";
import { MAX_FUNCVALS, NO_VALUES } from "./common.js";

export abstract class SyncWalker extends CallWalker {
  /** Methods with known concurrency meaning: locks, WaitGroup, Once, sync.Map, testing.T.Run, Go(func). */
  protected evalSpecialMethod(operand: GoNode, method: string, call: GoNode, args: GoNode[], env: Env, st: WalkState): ReadonlySet<string>[] | null {
    const t = this.typeOf(operand, env, st);
    const inPackage = lookupMethod(this.ir, t, method);
    if (inPackage) return null;
    const base = this.under(derefType(this.under(t)));
    const named = derefType(t);
    const isSync = (n: string) => (named.k === "named" && named.pkg === "sync" && named.name === n) || !!embeddedSyncField(this.ir, t, [n]);

    const lockOp = Object.hasOwn(LOCK_METHODS, method) ? LOCK_METHODS[method]! : undefined;
    if (lockOp && args.length === 0) {
      // A TryLock outside an if condition takes the lock only sometimes: nothing is known held.
      if (lockOp.effect === "try") {
        this.evalExpr(operand, env, st);
        return [NO_VALUES];
      }
      const lock = this.lockIdentity(operand, env, st);
      if (!lock) {
        if (lockOp.effect === "acquire") st.locks.unknown++;
        else st.locks.unknown = Math.max(0, st.locks.unknown - 1);
        return [NO_VALUES];
      }
      if (lockOp.effect === "acquire") st.locks.set(lock.key, { key: lock.key, name: lock.name, mode: lockOp.mode, cls: lock.cls });
      else st.locks.release(lock.key);
      st.thread.seq++;
      return [NO_VALUES];
    }
    if (isSync(WAIT_GROUP.name) && (method === WAIT_GROUP.signal || method === WAIT_GROUP.wait || method === WAIT_GROUP.add)) {
      const key = this.syncKey(operand, env, st);
      if (key && method !== WAIT_GROUP.add) this.event(key, method === WAIT_GROUP.signal ? "signal" : "wait", st);
      for (const a of args) if (method === WAIT_GROUP.add) this.evalExpr(a, env, st);
      return [NO_VALUES];
    }
    if (isSync(ONCE.name) && method === ONCE.method && args[ONCE.funcArg]) {
      const key = this.syncKey(operand, env, st) ?? onceValue(operand.text);
      const fvs = this.funcValsOf(args[ONCE.funcArg]!, env, st);
      const prev = st.frame.onceKey;
      st.frame.onceKey = key;
      try {
        for (const fv of fvs.slice(0, MAX_FUNCVALS)) this.invoke(fv, [], st, { node: call, span: spanOf(call, st.frame.file), label: "sync.Once.Do" }, false);
      } finally {
        st.frame.onceKey = prev;
      }
      st.thread.passedOnce.add(key);
      st.thread.seq++;
      return [NO_VALUES];
    }
    if (named.k === "named" && CONCURRENT_SAFE_TYPES.some((c) => c.pkg === named.pkg && c.name === named.name)) {
      for (const a of args) this.evalExpr(a, env, st);
      return [NO_VALUES];
    }
    const spec = spawnOfMethod(method, args.length, { isStd: (pkg, name) => pkg === "sync" && isSync(name), type: t, localStruct: base.k === "struct" });
    if (spec) {
      this.librarySpawn(spec, method, call, args, operand, env, st);
      return [NO_VALUES];
    }
    // A group of unknown type too (`g, ctx := errgroup.WithContext(ctx)`: another module's
    // results are not typed): a wait that nothing signals orders nothing.
    const groupOp = args.length === 0 ? groupEvent(named, method) : null;
    if (groupOp) {
      const key = this.syncKey(operand, env, st);
      if (key) this.event(key, groupOp, st);
      return [NO_VALUES];
    }
    return null;
  }

  /** `defer g.Give()` on a group of another package: the signal, at function exit. */
  protected deferredGroupSignal(operand: GoNode, method: string, argc: number, env: Env, st: WalkState): string | null {
    if (argc !== 0 || lookupMethod(this.ir, this.typeOf(operand, env, st), method)) return null;
    return groupEvent(derefType(this.typeOf(operand, env, st)), method) === "signal" ? this.syncKey(operand, env, st) : null;
  }

  protected isSyncType(operand: GoNode, env: Env, st: WalkState, name: string): boolean {
    const t = this.typeOf(operand, env, st);
    const named = derefType(t);
    return (named.k === "named" && named.pkg === "sync" && named.name === name) || !!embeddedSyncField(this.ir, t, [name]) || named.k === "unknown";
  }

  /** Identity of a sync value (WaitGroup, Once, channel-like group) named by `operand`. */
  protected syncKey(operand: GoNode, env: Env, st: WalkState): string | null {
    const vals = this.locOf(operand, env, st);
    if (vals.size !== 1) return vals.size ? [...vals].sort()[0]! : null;
    return [...vals][0]!;
  }

  /** Identity of the mutex in `x.Lock()`: x itself, or its embedded Mutex/RWMutex field. */
  protected lockIdentity(operand: GoNode, env: Env, st: WalkState): { key: string; name: string; cls: string | null } | null {
    const vals = this.locOf(operand, env, st);
    if (vals.size !== 1) return null;
    let key = [...vals][0]!;
    const t = this.typeOf(operand, env, st);
    const named = derefType(t);
    let cls = this.lockClass(operand, env, st);
    if (!(named.k === "named" && named.pkg === "sync")) {
      const emb = embeddedSyncField(this.ir, t, MUTEX_TYPES);
      if (emb) {
        const path = [...emb.hops, emb.field.name].join(".");
        key = `${key}.${path}`;
        const owner = localTypeName(t);
        cls = owner ? `${owner}.${path}` : null;
      }
    }
    return { key: this.canonicalKey(key), name: operand.text, cls };
  }

  protected noteMutexPointerStore(owner: GoType, field: string, value: GoNode, env: Env, st: WalkState): void {
    const f = lookupField(this.ir, owner, field);
    const ft = f?.field.type;
    if (!f || ft?.k !== "ptr" || !(ft.elem.k === "named" && ft.elem.pkg === "sync" && MUTEX_TYPES.includes(ft.elem.name))) return;
    const ownerName = localTypeName(owner);
    if (!ownerName) return;
    const cls = `${ownerName}.${[...f.hops, field].join(".")}`;
    const v = stripParens(value);
    const pointee = v.type === "unary_expression" && v.field("operator")?.text === "&" && v.field("operand") ? this.lockClass(v.field("operand")!, env, st) : null;
    // What else it is set to (a parameter, another field's pointer) is not known: no alias.
    const had = this.lockAliases.get(cls);
    this.lockAliases.set(cls, pointee !== null && (had === undefined || had === pointee) ? pointee : null);
  }

  /** `db.mu` → `DB.mu` (owner type + field); a package variable → `global:mu`; else null. */
  protected lockClass(operand: GoNode, env: Env, st: WalkState): string | null {
    const x = stripParens(operand);
    if (x.type === "selector_expression") {
      const owner = localTypeName(this.typeOf(x.field("operand"), env, st));
      const field = x.field("field")?.text;
      return owner && field ? `${owner}.${field}` : null;
    }
    if (x.type === "identifier" && !env.lookup(x.text) && this.ir.vars.has(x.text)) return globalValue(x.text);
    return null;
  }

  /** `if mu.TryLock() {`: the lock is held in the consequence. */
  protected tryLockIn(cond: GoNode, env: Env, st: WalkState): HeldLock | null {
    const c = stripParens(cond);
    if (c.type === "identifier") return env.lookup(c.text)?.tryLock ?? null;
    return this.tryLockCall(c, env, st);
  }

  /** The lock a `mu.TryLock()` / `mu.TryRLock()` call tries, or null. */
  protected tryLockCall(call: GoNode, env: Env, st: WalkState): HeldLock | null {
    const c = stripParens(call);
    if (c.type !== "call_expression") return null;
    const fn = c.field("function");
    if (fn?.type !== "selector_expression") return null;
    const m = fn.field("field")?.text;
    const op = m && Object.hasOwn(LOCK_METHODS, m) ? LOCK_METHODS[m]! : undefined;
    if (op?.effect !== "try") return null;
    const lock = this.lockIdentity(fn.field("operand")!, env, st);
    if (!lock) return null;
    return { key: lock.key, name: lock.name, mode: op.mode, cls: lock.cls };
  }
}

/**
 * A method call without arguments on a group of another package (errgroup.Group,
 * conc.WaitGroup, a worker pool; or of a type not known): `Wait` waits for what its `Go`
 * started and for its signals; `Done`/`Give` signal (see GROUP_SIGNALS).
 */
function groupEvent(named: GoType, method: string): "wait" | "signal" | null {
  const groupLike = named.k === "unknown" || (named.k === "named" && named.pkg !== null && named.pkg !== "sync");
  if (!groupLike) return null;
  if (method === GROUP_WAIT) return "wait";
  // `Done` of the standard library is something else (`ctx.Done()` returns a channel): signals
  // are another module's types only (and `Give` of an untyped one).
  const thirdParty = named.k === "named" && named.pkg !== null && named.pkg.split("/")[0]!.includes(".");
  return GROUP_SIGNALS.has(method) && (thirdParty || (named.k === "unknown" && method !== "Done")) ? "signal" : null;
}

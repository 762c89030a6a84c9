/**
 * Statements: assignments (what flows into which variable, and the writes
 * they are), control flow (branches meet their lock states; loops know what
 * is new per iteration and which goroutines they start), go and defer.
 */
import type { GoNode } from "../../parse/node.js";
import { derefType, typeFromNode, UNKNOWN } from "../../ir/type-expr.js";
import type { Site, SyncEvent } from "../facts.js";
import { LOCK_METHODS, WAIT_GROUP } from "../concurrency-api.js";
import { isFalseConstant } from "../../ir/consts.js";
import { perIterationLoopVars, spanOf, stripParens } from "../../ir/syntax.js";
import { elemOf, symValue } from "../values.js";
import { Env, LockState, type LoopCtx, type WalkState } from "../state.js";
import { SyncWalker } from "./sync.js";
import { MAX_FUNCVALS, NO_VALUES } from "./common.js";

export abstract class StatementWalker extends SyncWalker {
  /** What a channel may hold: the values sent on it (flow-insensitive, for the whole package). */
  protected sendOn(chan: string, vals: ReadonlySet<string>): void {
    let c = this.chanContents.get(chan);
    if (!c) this.chanContents.set(chan, (c = new Set()));
    for (const v of vals) c.add(v);
  }

  /** Walks a function body, then its deferred calls, then releases deferred unlocks. */
  protected walkBody(body: GoNode | undefined, env: Env, st: WalkState): void {
    this.walkBlock(body, env, st);
    for (const d of [...st.frame.deferredCalls].reverse()) d();
    for (const key of st.frame.deferredUnlocks) {
      if (key === "?") st.locks.unknown = Math.max(0, st.locks.unknown - 1);
      else st.locks.releaseKnown(key);
    }
  }

  /** Walks a block; returns true when it always ends the function (or loop iteration). */
  protected walkBlock(block: GoNode | undefined, env: Env, st: WalkState): boolean {
    if (!block) return false;
    const list = block.type === "block" ? block.children.find((c) => c.type === "statement_list") : block;
    if (!list) return false;
    const scope = new Env(env);
    let terminated = false;
    for (const s of list.children) {
      if (terminated) break;
      terminated = this.walkStmt(s, scope, st);
    }
    return terminated;
  }

  protected walkStmt(s: GoNode, env: Env, st: WalkState): boolean {
    this.step();
    switch (s.type) {
      case "expression_statement": {
        const e = s.children[0];
        if (e) this.evalExpr(e, env, st);
        return e?.type === "call_expression" && this.noReturn.isNoReturn(e);
      }
      case "short_var_declaration":
        this.walkShortVar(s, env, st);
        return false;
      case "assignment_statement":
        this.walkAssign(s, env, st);
        return false;
      case "inc_statement":
      case "dec_statement": {
        const target = s.children[0];
        if (target) this.writeTarget(target, env, st, "write");
        return false;
      }
      case "var_declaration":
      case "const_declaration":
        this.walkVarDecl(s, env, st);
        return false;
      case "go_statement":
        this.walkGo(s, env, st);
        return false;
      case "defer_statement":
        this.walkDefer(s, env, st);
        return false;
      case "return_statement":
        this.walkReturn(s, env, st);
        for (const l of st.loops) if (l.frame === st.frame) l.exits.push(st.thread.seq);
        return true;
      case "if_statement":
        return this.walkIf(s, env, st);
      case "for_statement":
        this.walkFor(s, env, st);
        return false;
      case "expression_switch_statement":
      case "type_switch_statement":
        return this.walkSwitch(s, env, st);
      case "select_statement":
        return this.walkSelect(s, env, st);
      case "block":
        return this.walkBlock(s, env, st);
      case "labeled_statement": {
        const inner = s.children.find((c) => c.type !== "label_name");
        return inner ? this.walkStmt(inner, env, st) : false;
      }
      case "send_statement": {
        const ch = s.field("channel");
        const value = s.field("value");
        const vals = value ? this.evalExpr(value, env, st) : NO_VALUES;
        const chKeys = ch ? this.evalExpr(ch, env, st) : NO_VALUES;
        for (const k of chKeys) {
          this.sendOn(k, vals);
          this.event(k, "signal", st, true, vals);
        }
        return false;
      }
      case "receive_statement":
        this.walkReceive(s, env, st);
        return false;
      case "break_statement": {
        const target = breakTarget(s);
        const i = target ? st.loops.findIndex((l) => l.node === target) : -1;
        // Leaving a loop leaves every loop inside it too.
        if (i >= 0) for (const l of st.loops.slice(i)) l.exits.push(st.thread.seq);
        if (i >= 0) (st.loops[i]!.breakLocks ??= []).push(st.locks.clone());
        return true;
      }
      case "continue_statement":
      case "goto_statement":
      case "fallthrough_statement":
        return true;
      default:
        return false;
    }
  }

  protected walkShortVar(s: GoNode, env: Env, st: WalkState): void {
    const left = s.field("left")?.children ?? [];
    const right = s.field("right")?.children ?? [];
    const rhs = this.evalList(right, left.length, env, st);
    left.forEach((l, i) => {
      if (l.type !== "identifier") return;
      const existing = env.own(l.text);
      const { vals: raw, type } = rhs[i] ?? { vals: new Set<string>(), type: UNKNOWN };
      const vals = right.length === left.length && right[i] ? this.detachIfSwapped(right[i]!, raw, type, st) : raw;
      if (existing && left.length > 1) {
        // `a, err := ...` reuses err declared in the same scope.
        for (const v of vals) existing.values.add(v);
        return;
      }
      const sym = this.declare(env, l.text, type, new Set(vals), l, st);
      // `ok := mu.TryLock()`: `if !ok { return }` then says the lock is held.
      if (left.length === 1 && right.length === 1) {
        const tried = this.tryLockCall(right[0]!, env, st);
        if (tried) sym.tryLock = tried;
      }
    });
  }

  protected walkAssign(s: GoNode, env: Env, st: WalkState): void {
    const op = s.field("operator")?.text ?? "=";
    const left = s.field("left")?.children ?? [];
    const right = s.field("right")?.children ?? [];
    if (op !== "=") {
      // m[k] += v: a read-modify-write of the element.
      for (const r of right) this.evalExpr(r, env, st);
      for (const l of left) this.writeTarget(l, env, st, "write");
      return;
    }
    // x = append(x, ...): a write of the slice variable itself.
    const appendTo = left.length === 1 && right.length === 1 ? appendTarget(left[0]!, right[0]!) : null;
    const rhs = this.evalList(right, left.length, env, st);
    left.forEach((l, i) => {
      const raw = rhs[i]?.vals ?? NO_VALUES;
      const vals = stripParens(l).type === "identifier" && right.length === left.length && right[i] ? this.detachIfSwapped(right[i]!, raw, rhs[i]!.type, st) : raw;
      if (appendTo) {
        this.writeTarget(l, env, st, "append");
        this.assignTo(l, vals, env, st);
        return;
      }
      this.writeTarget(l, env, st, "write", right.length === left.length ? right[i] : undefined);
      this.assignTo(l, vals, env, st);
      const target = stripParens(l);
      if (target.type === "selector_expression" && right.length === left.length && right[i]) {
        for (const fk of this.evalFieldKeys(target, env, st)) this.aliasField(right[i]!, fk, env);
        const field = target.field("field")?.text;
        if (field) this.noteMutexPointerStore(this.typeOf(target.field("operand")!, env, st), field, right[i]!, env, st);
      }
    });
  }

  /** A store through `target`: records map writes, element writes and appends; evaluates sub-expressions as reads. */
  protected writeTarget(target: GoNode, env: Env, st: WalkState, kind: "write" | "append", value?: GoNode): void {
    const t = stripParens(target);
    if (t.type === "index_expression") {
      const operand = t.field("operand");
      const index = t.field("index");
      if (!operand) return;
      const objVals = this.evalExpr(operand, env, st);
      if (index) this.evalExpr(index, env, st);
      const ot = this.under(derefType(this.under(this.typeOf(operand, env, st))));
      if (ot.k === "map") this.record("write", objVals, operand, t, env, st, this.typeOf(operand, env, st), index);
      else if (ot.k === "slice" || (ot.k === "array" && this.under(this.typeOf(operand, env, st)).k === "ptr")) {
        this.record("elem-write", objVals, operand, t, env, st, this.typeOf(operand, env, st), index);
      }
      return;
    }
    if (kind === "append") {
      const vals = this.locOf(t, env, st);
      const tt = this.typeOf(t, env, st);
      if (this.under(tt).k === "slice") this.record("append", vals, t, t, env, st, tt, undefined);
      return;
    }
    if (t.type === "selector_expression") {
      const op = t.field("operand");
      const inner = op ? stripParens(op) : null;
      // `s.f[i].x = v` on a slice of structs writes the element itself (of pointers, the pointee).
      if (inner?.type === "index_expression" && this.under(this.typeOf(inner, env, st)).k === "struct") this.writeTarget(inner, env, st, "write");
      else if (op) this.evalExpr(op, env, st);
      // `s.f = x` (nil, a new map, `s.f[1:]`): the field holding the map or slice is set.
      const tt = this.typeOf(t, env, st);
      const k = this.under(tt).k;
      // Not a new map or slice (`s.f = make(...)`, a literal): that is how objects are set up,
      // before anyone else sees them, far more often than a reset racing with readers (the
      // corpus: 22 of 22 such pairs were set-up).
      if ((k === "map" || k === "slice") && !(value && this.isFreshValue(value, env))) this.record("assign", this.locOf(t, env, st), t, t, env, st, tt, undefined);
      return;
    }
    if (t.type === "unary_expression") {
      const op = t.field("operand");
      if (op) this.evalExpr(op, env, st);
    }
  }

  /** `make(...)`, `new(...)` (the builtins), a composite literal or its address: a value nobody else holds yet. */
  private isFreshValue(e: GoNode, env: Env): boolean {
    let x = stripParens(e);
    if (x.type === "unary_expression" && x.field("operator")?.text === "&" && x.field("operand")) x = stripParens(x.field("operand")!);
    if (x.type === "composite_literal") return true;
    if (x.type !== "call_expression") return false;
    const fn = x.field("function");
    return fn?.type === "identifier" && (fn.text === "make" || fn.text === "new") && !env.lookup(fn.text) && !this.ir.funcs.has(fn.text);
  }

  protected walkVarDecl(s: GoNode, env: Env, st: WalkState): void {
    const specs = s.children.flatMap((c) => (c.type === "var_spec_list" ? c.children : [c]));
    for (const spec of specs) {
      if (spec.type !== "var_spec" && spec.type !== "const_spec") continue;
      const names = spec.fieldAll("name").filter((n) => n.type === "identifier");
      const declared = typeFromNode(spec.field("type"), st.frame.file.imports);
      const values = spec.field("value")?.children ?? [];
      const rhs = values.length ? this.evalList(values, names.length, env, st) : [];
      names.forEach((n, i) => {
        const r = rhs[i];
        const type = declared.k !== "unknown" ? declared : r?.type ?? UNKNOWN;
        this.declare(env, n.text, type, new Set(r?.vals ?? []), n, st);
      });
    }
  }

  protected walkReturn(s: GoNode, env: Env, st: WalkState): void {
    const list = s.children[0];
    const exprs = list?.children ?? [];
    const rhs = exprs.length ? this.evalList(exprs, Math.max(st.frame.results.length, exprs.length), env, st) : [];
    rhs.forEach((r, i) => {
      let set = st.frame.returns[i];
      if (!set) st.frame.returns[i] = set = new Set();
      for (const v of r.vals) set.add(v);
    });
    if (!exprs.length) {
      st.frame.results.forEach((sym, i) => {
        let set = st.frame.returns[i];
        if (!set) st.frame.returns[i] = set = new Set();
        for (const v of sym.values) set.add(v);
      });
    }
  }

  protected walkIf(s: GoNode, env: Env, st: WalkState): boolean {
    const scope = new Env(env);
    const init = s.field("initializer");
    if (init) this.walkStmt(init, scope, st);
    const cond = s.field("condition");
    // `if debugMode {` with `const debugMode = false`: the branch is dead code.
    const known = cond && !init ? (isFalseConstant(this.ir, cond, (name) => env.lookup(name) !== undefined) ? false : knownBool(cond, env)) : undefined;
    if (known === false) {
      const alt = s.field("alternative");
      if (!alt) return false;
      return alt.type === "if_statement" ? this.walkIf(alt, scope, st) : this.walkBlock(alt, scope, st);
    }
    // `if !start { return }` in a summary made for `run(cfg, false)`: only that branch runs.
    if (known === true) return this.walkBlock(s.field("consequence"), scope, st);
    const tryLock = cond ? this.tryLockIn(cond, scope, st) : null;
    const negated = cond ? stripParens(cond) : null;
    const notTryLock = negated?.type === "unary_expression" && negated.field("operator")?.text === "!" ? this.tryLockIn(negated.field("operand")!, scope, st) : null;
    if (cond && !tryLock && !notTryLock) this.evalExpr(cond, scope, st);
    const before = st.locks.clone();
    const thenLocks = before.clone();
    if (tryLock) thenLocks.set(tryLock.key, tryLock);
    const thenState = { ...st, locks: thenLocks };
    const thenTerm = this.walkBlock(s.field("consequence"), scope, thenState);
    const alt = s.field("alternative");
    const elseLocks = before.clone();
    // `if !mu.TryLock() { return }`: past the if, the lock is held.
    if (notTryLock) elseLocks.set(notTryLock.key, notTryLock);
    const elseState = { ...st, locks: elseLocks };
    const elseTerm = alt ? (alt.type === "if_statement" ? this.walkIf(alt, scope, elseState) : this.walkBlock(alt, scope, elseState)) : false;
    const live: LockState[] = [];
    if (!thenTerm) live.push(thenLocks);
    if (!elseTerm) live.push(elseLocks);
    const merged = live.length ? LockState.meet(live) : before;
    // `if doLock { s.mu.Lock() }`: locked only when the caller doesn't hold it already.
    // Which of the two is unknown: count it as an unknown lock (the matching conditional
    // unlock releases it). Not a caller's lock the branch let go and took again.
    if (!alt && !thenTerm && [...thenLocks.keys()].some((k) => !before.has(k) && !thenLocks.released().has(k))) merged.unknown++;
    st.locks.assign(merged);
    return thenTerm && elseTerm;
  }

  protected walkFor(s: GoNode, env: Env, st: WalkState): void {
    const scope = new Env(env);
    const loop: LoopCtx = { node: s, startSeq: st.thread.seq, perIteration: new Set(), frame: st.frame, exits: [] };
    const clause = s.children.find((c) => c.type === "for_clause" || c.type === "range_clause");
    const entryLocks = st.locks.clone();
    const firstThread = this.out.threads.length;
    const firstEvent = this.out.events.length;
    st.loops.push(loop);
    try {
      if (clause?.type === "for_clause") {
        const init = clause.field("initializer");
        if (init) this.walkStmt(init, scope, st);
        const cond = clause.field("condition");
        if (cond) this.evalExpr(cond, scope, st);
      } else if (clause?.type === "range_clause") {
        this.walkRangeHeader(clause, scope, st, loop);
      } else {
        const cond = s.children.find((c) => c !== s.field("body"));
        if (cond) this.evalExpr(cond, scope, st);
      }
      if (clause) loop.clauseVars = new Set([...scope.ownSymbols()].map((sym) => symValue(sym.id)));
      // Before Go 1.22 the variables a for statement declares are one variable for the whole loop.
      if (clause && !perIterationLoopVars(st.frame.file.goVersion)) {
        for (const sym of scope.ownSymbols()) loop.perIteration.delete(symValue(sym.id));
      }
      this.walkBlock(s.field("body"), scope, st);
      if (clause?.type === "for_clause") {
        const upd = clause.field("update");
        if (upd) this.walkStmt(upd, scope, st);
      }
    } finally {
      st.loops.pop();
    }
    // After the loop: what every way out holds. A loop with no condition (`for { mu.Lock();
    // if ready { break }; mu.Unlock(); wait() }`) is left only by its breaks.
    const endless = !clause ? !s.children.some((c) => c !== s.field("body")) : clause.type === "for_clause" && !clause.field("condition");
    const breaks = loop.breakLocks ?? [];
    st.locks.assign(LockState.meet(endless && breaks.length ? breaks : [entryLocks, st.locks, ...breaks]));
    this.joinWithinIteration(st, loop, firstThread, firstEvent);
    // The receives this loop repeats are done where it ends (SyncEvent.loopEnd).
    const me = st.thread.thread.id;
    for (let i = firstEvent; i < this.out.events.length; i++) {
      const e = this.out.events[i]!;
      if (e.one && e.op === "wait" && e.thread === me && e.loopEnd === undefined && e.loops[e.loops.length - 1] === s) e.loopEnd = st.thread.seq;
    }
  }

  /**
   * `for ... { wg.Add(1); go work(); wg.Wait() }`: a goroutine started in a
   * loop and waited for in the same iteration is one instance at a time, and
   * the loop's next iteration comes after it. Likewise a loop that leaves
   * (`break`, `return`) after starting it — "try each server until one
   * connects" — starts it once. (Precision first: a loop that may break after
   * starting several is treated the same way.)
   */
  protected joinWithinIteration(st: WalkState, loop: LoopCtx, firstThread: number, firstEvent: number): void {
    const me = st.thread.thread.id;
    const events = this.out.events.slice(firstEvent);
    for (const t of this.out.threads.slice(firstThread)) {
      if (t.parent !== me || !t.multiFromLoop) continue;
      // Started in a loop inside this one (and not waited for there): several at once still.
      if ((t.loopsAround ?? 1) > st.loops.length + 1) continue;
      if (loop.exits.some((x) => x > t.startSeq)) {
        t.spawnSeq = t.startSeq;
        t.multi = false;
        t.multiFromLoop = false;
        t.severalPerParent = false;
        continue;
      }
      const signals = this.out.events.filter((e) => e.thread === t.id && e.op === "signal").map((e) => e.key);
      const joined = events.some((w) => w.thread === me && w.op === "wait" && w.seq > t.startSeq && signals.includes(w.key));
      if (joined) {
        t.spawnSeq = t.startSeq;
        t.multi = false;
        t.multiFromLoop = false;
        t.severalPerParent = false;
      }
    }
  }

  protected walkRangeHeader(clause: GoNode, scope: Env, st: WalkState, loop: LoopCtx): void {
    const right = clause.field("right");
    if (!right) return;
    const rt = this.typeOf(right, scope, st);
    const u = this.under(derefType(this.under(rt)));
    const vals = this.evalExpr(right, scope, st);
    if (u.k === "map") this.record("range", vals, right, clause.parent ?? clause, scope, st, rt, undefined);
    // Over a slice: the header once, and the elements only when a value variable takes them.
    if (u.k === "slice") this.record((clause.field("left")?.children.length ?? 0) > 1 ? "range" : "len", vals, right, clause.parent ?? clause, scope, st, rt, undefined);
    // Each iteration receives one message (SyncEvent.one); after the loop, all of them.
    if (u.k === "chan") for (const k of vals) this.event(k, "wait", st, true);
    const [kt, vt] = this.infer.rangeTypes(rt);
    const left = clause.field("left")?.children ?? [];
    const elemVals = new Set<string>();
    if (u.k === "chan") {
      for (const k of vals) {
        const contents = this.chanContents.get(k);
        if (!this.chanReads.has(k)) this.chanReads.set(k, contents?.size ?? 0);
        for (const v of contents ?? []) elemVals.add(v);
      }
    }
    else for (const v of vals) {
      const k = elemOf(v);
      if (k) elemVals.add(k);
    }
    for (const v of elemVals) loop.perIteration.add(v);
    const isDecl = clause.text.includes(":=");
    left.forEach((l, i) => {
      if (l.type !== "identifier") {
        this.writeTarget(l, scope, st, "write");
        return;
      }
      const isValue = u.k === "chan" ? i === 0 : i === 1;
      const values = isValue ? new Set(elemVals) : new Set<string>();
      if (isDecl) this.declare(scope, l.text, i === 0 ? kt : vt, values, l, st);
      else this.assignTo(l, values, scope, st);
    });
  }

  protected walkSwitch(s: GoNode, env: Env, st: WalkState): boolean {
    const scope = new Env(env);
    const init = s.field("initializer");
    if (init) this.walkStmt(init, scope, st);
    const value = s.field("value");
    if (value) this.evalExpr(value, scope, st);
    const alias = s.field("alias")?.children[0];
    const before = st.locks.clone();
    const live: LockState[] = [];
    let hasDefault = false;
    let allTerm = true;
    for (const c of s.children) {
      if (c.type !== "expression_case" && c.type !== "type_case" && c.type !== "default_case") continue;
      if (c.type === "default_case") hasDefault = true;
      const caseScope = new Env(scope);
      if (alias?.type === "identifier") this.declare(caseScope, alias.text, UNKNOWN, new Set(), alias, st);
      for (const v of c.field("value")?.children ?? []) this.evalExpr(v, caseScope, st);
      const locks = before.clone();
      const list = c.children.find((x) => x.type === "statement_list");
      const term = list ? this.walkBlock(list, caseScope, { ...st, locks }) : false;
      if (!term) live.push(locks);
      allTerm &&= term;
    }
    if (!hasDefault) {
      live.push(before);
      allTerm = false;
    }
    st.locks.assign(live.length ? LockState.meet(live) : before);
    return allTerm;
  }

  protected walkSelect(s: GoNode, env: Env, st: WalkState): boolean {
    const before = st.locks.clone();
    const live: LockState[] = [];
    let allTerm = true;
    for (const c of s.children) {
      if (c.type !== "communication_case" && c.type !== "default_case") continue;
      const scope = new Env(env);
      const locks = before.clone();
      const cst = { ...st, locks };
      const comm = c.field("communication");
      const outer = this.scopedWaits;
      const waits: SyncEvent[] = [];
      this.scopedWaits = waits;
      try {
        if (comm) this.walkStmt(comm, scope, cst);
      } finally {
        this.scopedWaits = outer;
      }
      const list = c.children.find((x) => x.type === "statement_list");
      const term = list ? this.walkBlock(list, scope, cst) : false;
      // A case that leaves: its receive orders its own body, not what follows the select.
      for (const w of waits) {
        if (term) w.scopeEnd = st.thread.seq;
        else delete w.scopeEnd;
      }
      if (!term) live.push(locks);
      allTerm &&= term;
    }
    st.locks.assign(live.length ? LockState.meet(live) : before);
    return allTerm && live.length === 0 && s.children.length > 0;
  }

  protected walkReceive(s: GoNode, env: Env, st: WalkState): void {
    const right = s.field("right");
    const vals = right ? this.evalExpr(right, env, st) : NO_VALUES;
    const left = s.field("left")?.children ?? [];
    const isDecl = s.text.includes(":=");
    left.forEach((l, i) => {
      if (l.type !== "identifier") return;
      const v = i === 0 ? vals : NO_VALUES;
      if (isDecl) this.declare(env, l.text, i === 0 ? this.typeOf(right, env, st) : { k: "basic", name: "bool" }, new Set(v), l, st);
      else this.assignTo(l, v, env, st);
    });
  }

  protected walkGo(s: GoNode, env: Env, st: WalkState): void {
    const call = stripParens(s.children[0] ?? s);
    if (call.type !== "call_expression") return;
    const site: Site = { node: s, span: spanOf(s, st.frame.file), label: "go statement" };
    const targets = this.callTargets(call, env, st);
    const args = (call.field("arguments")?.children ?? []).map((a) => this.evalExpr(a, env, st));
    if (!targets.length) return;
    for (const fv of targets.slice(0, MAX_FUNCVALS)) {
      this.spawn(fv, args, st, site, "go", { multi: false, afterParent: false, label: `goroutine started at ${site.span.file}:${site.span.line}` });
    }
  }

  protected walkDefer(s: GoNode, env: Env, st: WalkState): void {
    const call = stripParens(s.children[0] ?? s);
    if (call.type !== "call_expression") return;
    const fn = call.field("function");
    if (!fn) return;
    // The deferred function value and its arguments are evaluated now; the call runs at function exit.
    if (fn.type === "selector_expression") {
      const method = fn.field("field")?.text ?? "";
      const operand = fn.field("operand")!;
      if (Object.hasOwn(LOCK_METHODS, method) && LOCK_METHODS[method]!.effect === "release") {
        const lock = this.lockIdentity(operand, env, st);
        if (lock) st.frame.deferredUnlocks.push(lock.key);
        else st.frame.deferredUnlocks.push("?");
        return;
      }
      // `mu.Unlock(); defer mu.Lock()`: a function that lets go of its caller's lock while it
      // waits returns holding it again.
      if (Object.hasOwn(LOCK_METHODS, method) && LOCK_METHODS[method]!.effect === "acquire") {
        const mode = LOCK_METHODS[method]!.mode;
        const lock = this.lockIdentity(operand, env, st);
        st.frame.deferredCalls.push(() => {
          if (lock) st.locks.set(lock.key, { key: lock.key, name: lock.name, mode, cls: lock.cls });
          else st.locks.unknown++;
        });
        return;
      }
      if (method === WAIT_GROUP.signal && this.isSyncType(operand, env, st, WAIT_GROUP.name)) {
        const key = this.syncKey(operand, env, st);
        if (key) st.frame.deferredCalls.push(() => this.event(key, "signal", st));
        return;
      }
      const groupKey = this.deferredGroupSignal(operand, method, call.field("arguments")?.children.length ?? 0, env, st);
      if (groupKey) {
        st.frame.deferredCalls.push(() => this.event(groupKey, "signal", st));
        return;
      }
    }
    if (fn.type === "identifier" && fn.text === "close" && !env.lookup("close")) {
      const arg = call.field("arguments")?.children[0];
      const keys = arg ? this.evalExpr(arg, env, st) : NO_VALUES;
      st.frame.deferredCalls.push(() => {
        for (const k of keys) this.event(k, "signal", st);
      });
      return;
    }
    const targets = this.callTargets(call, env, st);
    const args = (call.field("arguments")?.children ?? []).map((a) => this.evalExpr(a, env, st));
    if (!targets.length) return;
    const site: Site = { node: s, span: spanOf(s, st.frame.file), label: "deferred call" };
    st.frame.deferredCalls.push(() => {
      for (const fv of targets.slice(0, MAX_FUNCVALS)) this.invoke(fv, args, st, site, false);
    });
  }
}

/** The for statement an unlabeled or labeled `break` leaves, or null (a break of a switch/select). */
function breakTarget(brk: GoNode): GoNode | null {
  const label = brk.children.find((c) => c.type === "label_name")?.text;
  for (let n = brk.parent; n; n = n.parent) {
    if (n.type === "func_literal" || n.type === "function_declaration" || n.type === "method_declaration") return null;
    if (label) {
      if (n.type === "labeled_statement" && n.field("label")?.text === label) return n.children.find((c) => c.type === "for_statement") ?? null;
      continue;
    }
    if (n.type === "for_statement") return n;
    if (n.type === "expression_switch_statement" || n.type === "type_switch_statement" || n.type === "select_statement") return null;
  }
  return null;
}

/** `x = append(x, ...)` or `*p = append(*p, ...)`: the target appended to, else null. */
function appendTarget(left: GoNode, right: GoNode): GoNode | null {
  const r = stripParens(right);
  if (r.type !== "call_expression") return null;
  const fn = r.field("function");
  if (fn?.type !== "identifier" || fn.text !== "append") return null;
  const first = r.field("arguments")?.children[0];
  if (!first) return null;
  return stripParens(first).text.replace(/\s+/g, "") === stripParens(left).text.replace(/\s+/g, "") ? left : null;
}

/**
 * The value of a condition made of booleans the summary knows (Sym.known), `!`, `&&`, `||`
 * and parentheses; undefined when any part that decides it is not known.
 */
export function knownBool(cond: GoNode, env: Env): boolean | undefined {
  const c = stripParens(cond);
  switch (c.type) {
    case "true":
      return true;
    case "false":
      return false;
    case "identifier":
      return env.lookup(c.text)?.known;
    case "unary_expression": {
      if (c.field("operator")?.text !== "!") return undefined;
      const v = knownBool(c.field("operand")!, env);
      return v === undefined ? undefined : !v;
    }
    case "binary_expression": {
      const op = c.field("operator")?.text;
      if (op !== "&&" && op !== "||") return undefined;
      const l = knownBool(c.field("left")!, env);
      const r = knownBool(c.field("right")!, env);
      if (op === "&&") return l === false || r === false ? false : l === true && r === true ? true : undefined;
      return l === true || r === true ? true : l === false && r === false ? false : undefined;
    }
    default:
      return undefined;
  }
}

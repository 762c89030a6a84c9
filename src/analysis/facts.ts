/**
 * The analysis facts: what the dataflow pass found out about a package and
 * what every race rule reads (through `sourceCode.parserServices`). Plain data
 * apart from the syntax nodes kept for rules; `factsToJson` makes the dump that
 * `go-hazard facts` prints.
 */
import type { GoNode } from "../parse/node.js";
import type { SourceSpan } from "../report/finding.js";

export type AccessKind =
  | "read" //        v := m[k], m[k] in an expression
  | "write" //       m[k] = v, m[k] op= v, m[k]++
  | "delete" //      delete(m, k)
  | "clear" //       clear(m)
  | "range" //       for k, v := range m
  | "len" //         len(m), cap(s)
  | "elem-read" //   s[i]
  | "elem-write" //  s[i] = v, (*m[k])[i] = v
  | "append" //      s = append(s, ...), *p = append(*p, ...)
  | "copy" //        copy(s, src)
  | "assign"; //     s.f = x, s.f = s.f[1:], s.f = nil: the field (or package variable) holding it is set

export const WRITE_KINDS: ReadonlySet<AccessKind> = new Set(["write", "delete", "clear", "elem-write", "append", "copy", "assign"]);

/**
 * What an access to a slice touches: its header (the variable or field holding pointer,
 * length and capacity) and its elements. Two accesses to one slice conflict only where one
 * writes what the other touches: `len(s.f)` and `s.f[i] = v` do not (both read the
 * header; only one touches the elements), `len(s.f)` and `s.f = append(s.f, v)` do.
 */
export function sliceEffects(kind: AccessKind, viaCopy = false): { readsHeader: boolean; writesHeader: boolean; readsElems: boolean; writesElems: boolean } {
  const e = sliceKindEffects(kind);
  return viaCopy ? { ...e, readsHeader: false, writesHeader: false } : e;
}

function sliceKindEffects(kind: AccessKind): { readsHeader: boolean; writesHeader: boolean; readsElems: boolean; writesElems: boolean } {
  switch (kind) {
    case "len":
      return { readsHeader: true, writesHeader: false, readsElems: false, writesElems: false };
    case "assign":
      return { readsHeader: false, writesHeader: true, readsElems: false, writesElems: false };
    case "append":
      // Appending writes the header and the element past the length (in spare capacity).
      return { readsHeader: true, writesHeader: true, readsElems: false, writesElems: true };
    case "elem-write":
    case "copy":
    case "clear":
      return { readsHeader: true, writesHeader: false, readsElems: false, writesElems: true };
    default:
      // read, range, elem-read: the header to reach the elements, then the elements.
      return { readsHeader: true, writesHeader: false, readsElems: true, writesElems: false };
  }
}

export type ObjectKind = "map" | "slice";

export interface HeldLock {
  /** Identity of the mutex (an abstract path such as `recv:Cache.mu`). */
  key: string;
  /** How the source names it, e.g. `c.mu`. */
  name: string;
  mode: "read" | "write";
  /**
   * The lock's static class: owner type and field (`DB.mu`, `Cache.Mutex`) or the
   * variable. Two locks of one class are treated as the same lock: `db.mu` and
   * `dc.db.mu` are usually one mutex reached two ways, and assuming so only
   * removes findings.
   */
  cls: string | null;
}

/** A call or spawn site on the way from an entry point to an access. */
export interface Site {
  /** The go statement, call or registration. */
  node: GoNode;
  span: SourceSpan;
  /** `call to (*Store).flush`, `go statement`, `http.HandleFunc callback` */
  label: string;
}

export interface Access {
  id: number;
  object: number;
  /** Raw identity within its root walk (before constructor allocations are published as `recv:Type`). */
  key: string;
  kind: AccessKind;
  /** Source text of the accessing expression, e.g. `m[id*1000+j]`. */
  text: string;
  span: SourceSpan;
  node: GoNode;
  thread: number;
  /** Position in the thread's program order (for happens-before). */
  seq: number;
  locks: readonly HeldLock[];
  /** An unknown lock is held: precision first, such accesses never conflict. */
  unknownLock: boolean;
  /** Declared function (or method) whose body holds the access: `main`, `(*Store).flush`. */
  function: string;
  /** Entry point analysed when this access was seen. */
  root: string;
  /** How the access was reached from the thread's start: call sites, innermost last. */
  via: Site[];
  /** Element writes and map reads/writes with an index that differs per goroutine instance. */
  perInstanceIndex: boolean;
  /**
   * Summaries: the values of an index variable not known to be per instance where the
   * function runs (a parameter: `g.errs[index]` in a helper that starts the goroutine),
   * so that a caller passing its goroutine's own value (the loop index) can say so.
   */
  indexValues?: readonly string[];
  /**
   * A slice reached through a variable holding a copy of another's header (a local or a
   * parameter set to a field's slice: `blocks := db.Blocks()`): it shares the elements, not
   * the header, so a write of the field's header (append, assignment) is no conflict.
   */
  viaCopy?: true;
  /** Loops (in its goroutine) around the access, outermost first. */
  loops: GoNode[];
  /**
   * How this access's goroutine was really started where that differs from its thread's
   * (summaries merge the goroutines one site starts into one, whoever starts them): for
   * each goroutine on the way up that another start stands for, the start that led here.
   */
  lineage?: readonly StartLink[];
}

/** A goroutine's start as one access's lineage has it: started by `parent` at `spawnSeq` (really at `startSeq`). */
export interface StartLink {
  thread: number;
  parent: number;
  spawnSeq: number;
  startSeq: number;
}

export interface Thread {
  id: number;
  /** `main goroutine of Run`, `goroutine (go statement)`, `HTTP handler`, ... */
  label: string;
  kind: "entry" | "go" | "callback" | "handler" | "subtest" | "client";
  /** More than one instance may run at once (started in a loop, handler, parallel subtest in a loop). */
  multi: boolean;
  parent: number | null;
  /** Seq in the parent thread at which this thread was started (start of the enclosing loop for go-in-loop). */
  spawnSeq: number;
  /** Where it was started. */
  site: Site | null;
  /** Runs only after the parent's body finished (parallel subtests). */
  afterParent: boolean;
  /** Root (entry function) whose analysis created it. */
  root: string;
  /** The root walk that created it (two `init` functions share a name, not a walk). */
  rootWalk: number;
  /** Outlives its root: nothing in the root waits for it. */
  escapes: boolean;
  /** Where it was really started in the parent (spawnSeq is the enclosing loop's start for goroutines started in loops). */
  startSeq: number;
  /** Several instances only because it was started in a loop. */
  multiFromLoop: boolean;
  /**
   * With multiFromLoop, how many of the starter's loops were around the start: only a wait
   * in the iteration of the innermost one makes it one instance at a time (a goroutine
   * started in an inner loop and waited for in the outer one is several at once).
   */
  loopsAround?: number;
  /** Summaries: the function values, named by a caller, that the goroutine runs (`go f()` in a helper given `f`). */
  runs?: string;
  /**
   * Several instances at once for one instance of its parent (started in a loop, again by
   * the same parent, a handler): `multi` says only that several may run, which is also
   * the case of one goroutine per instance of a parent of several.
   */
  severalPerParent: boolean;
}

export interface SharedObject {
  id: number;
  /** Abstract identity: `global:cache`, `recv:Store.items`, `alloc:main.go:120`, `sym:17`. */
  key: string;
  /** How the source names it, e.g. `s.items`. */
  name: string;
  kind: ObjectKind;
  /** Type as written in the source, when known: `map[string]*[]byte`. */
  type: string | null;
  /** Where the value was created or declared. */
  created: SourceSpan | null;
  accesses: number[];
}

/** Two accesses that can happen at once on different goroutines with no common lock and no ordering. */
export interface ConflictPair {
  object: number;
  a: number;
  b: number;
  /** Why they can overlap, in words. */
  reason: string;
  /** Found by comparing two entry points (a goroutine that outlives its starter vs. a client call), not within one. */
  crossRoot: boolean;
}

/** A happens-before edge source/target: wg.Done/Wait, channel send/receive, close. */
export interface SyncEvent {
  key: string;
  thread: number;
  seq: number;
  op: "signal" | "wait";
  /** Loops (in its goroutine) around the event. */
  loops: GoNode[];
  /**
   * A wait that orders only what comes before this seq on its goroutine: the receive of a
   * select case whose body leaves (`case <-stop: return`); what follows the select runs on
   * the other cases' paths, not after that receive.
   */
  scopeEnd?: number;
  /**
   * A send or a receive of one message (not a close, a range over a channel or a
   * WaitGroup): a receive is ordered after one send, so it orders after a goroutine of
   * several instances only one of them, unless it is repeated in a loop that ends first.
   */
  one?: true;
  /** For a receive of one message in a loop: where that loop ended on its goroutine. */
  loopEnd?: number;
  /**
   * For a send: the roots of the values sent. The receive that takes a message is
   * ordered after the send of that message, whoever else sends on the channel.
   */
  sent?: ReadonlySet<string>;
}

export interface PackageFacts {
  objects: SharedObject[];
  accesses: Access[];
  threads: Thread[];
  pairs: ConflictPair[];
  /** The per-package budget ran out: facts are partial (nothing wrong is reported, some things may be missed). */
  budgetExceeded: boolean;
}

export function emptyFacts(): PackageFacts {
  return { objects: [], accesses: [], threads: [], pairs: [], budgetExceeded: false };
}

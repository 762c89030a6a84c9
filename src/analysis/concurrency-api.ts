/**
 * Go's concurrency API as go-hazard models it, in one table: what starts a
 * goroutine (and how many at once, and what joins it), what locks, what waits
 * and signals, what runs once, which values are safe for concurrent use. The
 * race walk and every rule read this table instead of knowing the API
 * themselves; the matchers below take the receiver's static type from
 * whoever asks (the walk's flow-sensitive one, or a file's scopes).
 */
import type { GoType, PackageIR } from "../ir/types.js";
import { derefType } from "../ir/type-expr.js";

/** A goroutine that a library call starts, running one of the call's function arguments. */
export interface SpawnSpec {
  /** The call site's label in flows (`{operand}` is the receiver as written). */
  siteLabel: string;
  /** The goroutine's label, followed by ` at file:line`. */
  threadLabel: string;
  /** A package function (`time.AfterFunc`) or a method on a receiver kind. */
  callee:
    | { kind: "func"; pkg: string; names: readonly string[] }
    | { kind: "method"; names: readonly string[]; receiver: ReceiverKind };
  /** The arguments the call takes (fewer or more: not this API). */
  minArgs: number;
  maxArgs: number;
  /** Which argument is the function that runs. */
  funcArg: number;
  thread: "callback" | "handler" | "subtest";
  /** Several instances may run at once (a handler: one per request). */
  many: boolean;
  /** `Wait()` on the same receiver waits for it (WaitGroup.Go, errgroup.Group.Go). */
  joinedByReceiverWait: boolean;
  /** Runs concurrently only when the callback calls `t.Parallel()` (then after the parent's body); else it runs inline. */
  needsParallel: boolean;
}

/**
 * Receivers: a type of the standard library (or a struct embedding it), any
 * type of a package (`testing.T` and `testing.B`), any type of another package
 * (`errgroup.Group`, `conc.WaitGroup`, or unknown), or a value that is not a
 * struct of this package (an `http.ServeMux`, a router interface).
 */
export type ReceiverKind = { is: "std"; pkg: string; name: string } | { is: "package"; pkg: string } | { is: "imported" } | { is: "not-local-struct" };

const MANY_ARGS = 1_000;

export const SPAWNS: readonly SpawnSpec[] = Object.freeze([
  { siteLabel: "time.AfterFunc callback", threadLabel: "time.AfterFunc callback", callee: { kind: "func", pkg: "time", names: ["AfterFunc"] }, minArgs: 2, maxArgs: MANY_ARGS, funcArg: 1, thread: "callback", many: false, joinedByReceiverWait: false, needsParallel: false },
  { siteLabel: "HTTP handler registration", threadLabel: "HTTP handler registered", callee: { kind: "func", pkg: "net/http", names: ["HandleFunc", "Handle"] }, minArgs: 2, maxArgs: MANY_ARGS, funcArg: 1, thread: "handler", many: true, joinedByReceiverWait: false, needsParallel: false },
  { siteLabel: "WaitGroup.Go", threadLabel: "WaitGroup.Go callback", callee: { kind: "method", names: ["Go"], receiver: { is: "std", pkg: "sync", name: "WaitGroup" } }, minArgs: 1, maxArgs: MANY_ARGS, funcArg: 0, thread: "callback", many: false, joinedByReceiverWait: true, needsParallel: false },
  { siteLabel: "parallel subtest", threadLabel: "parallel subtest", callee: { kind: "method", names: ["Run"], receiver: { is: "package", pkg: "testing" } }, minArgs: 2, maxArgs: MANY_ARGS, funcArg: 1, thread: "subtest", many: false, joinedByReceiverWait: false, needsParallel: true },
  { siteLabel: "HTTP handler registration", threadLabel: "HTTP handler registered", callee: { kind: "method", names: ["HandleFunc", "Handle"], receiver: { is: "not-local-struct" } }, minArgs: 2, maxArgs: 2, funcArg: 1, thread: "handler", many: true, joinedByReceiverWait: false, needsParallel: false },
  { siteLabel: "{operand}.Go callback", threadLabel: "{operand}.Go callback", callee: { kind: "method", names: ["Go"], receiver: { is: "imported" } }, minArgs: 1, maxArgs: 1, funcArg: 0, thread: "callback", many: false, joinedByReceiverWait: true, needsParallel: false },
] satisfies SpawnSpec[]);

/** Names (`x.Name(...)`, `pkg.Name(...)`) that may start a goroutine in some library: a cheap pre-filter before typing a call. */
export const SPAWN_NAMES: ReadonlySet<string> = new Set(SPAWNS.flatMap((s) => s.callee.names));

/** What a matcher needs to know of a method call's receiver. */
export interface ReceiverView {
  /** Is it (a pointer to, or a struct embedding) the standard type pkg.name? */
  isStd(pkg: string, name: string): boolean;
  /** Its static type (through one pointer). */
  type: GoType;
  /** Is it a struct type of this package? */
  localStruct: boolean;
}

/** The library spawn a call of package function pkg.name with argc arguments is. */
export function spawnOfFunc(pkg: string, name: string, argc: number): SpawnSpec | undefined {
  return SPAWNS.find((s) => s.callee.kind === "func" && s.callee.pkg === pkg && s.callee.names.includes(name) && argc >= s.minArgs && argc <= s.maxArgs);
}

/** The library spawn a method call `recv.method(...)` with argc arguments is (first match in table order). */
export function spawnOfMethod(method: string, argc: number, recv: ReceiverView): SpawnSpec | undefined {
  return SPAWNS.find((s) => s.callee.kind === "method" && s.callee.names.includes(method) && argc >= s.minArgs && argc <= s.maxArgs && receiverMatches(s.callee.receiver, recv));
}

function receiverMatches(kind: ReceiverKind, recv: ReceiverView): boolean {
  const named = derefType(recv.type);
  switch (kind.is) {
    case "std":
      return recv.isStd(kind.pkg, kind.name);
    case "package":
      return named.k === "named" && named.pkg === kind.pkg;
    case "imported":
      // Unknown types count: a value of unknown type in a `x.Go(f)` call is most likely a group.
      return named.k !== "named" || named.pkg !== null;
    case "not-local-struct":
      return !recv.localStruct;
  }
}

/** A spawn label with the receiver filled in. */
export function spawnLabel(template: string, operand: string): string {
  return template.replace("{operand}", operand);
}

/** Mutex methods: what each does to the lock. Held locks are keyed by the mutex's identity. */
export const LOCK_METHODS: Readonly<Record<string, { effect: "acquire" | "release" | "try"; mode: "write" | "read" }>> = Object.freeze({
  Lock: { effect: "acquire", mode: "write" },
  RLock: { effect: "acquire", mode: "read" },
  Unlock: { effect: "release", mode: "write" },
  RUnlock: { effect: "release", mode: "read" },
  TryLock: { effect: "try", mode: "write" },
  TryRLock: { effect: "try", mode: "read" },
});

export const MUTEX_TYPES: readonly string[] = ["Mutex", "RWMutex"];

/** sync.WaitGroup: Done signals, Wait waits for every Done; Go starts and is joined (see SPAWNS). */
export const WAIT_GROUP = Object.freeze({ pkg: "sync", name: "WaitGroup", signal: "Done", wait: "Wait", add: "Add", go: "Go" });

/** `Wait()` on a value of another package's type (errgroup.Group, conc.WaitGroup): waits for what its Go started. */
export const GROUP_WAIT = "Wait";

/**
 * What a goroutine calls on such a value when it is done, for the `Wait()` to return:
 * WaitGroup-like types (`sizedwaitgroup.Done`) and worker pools (`workers.Give` of a
 * Take/Give/Wait pool). A signal orders only what a wait on the same value follows.
 */
export const GROUP_SIGNALS: ReadonlySet<string> = new Set(["Done", "Give"]);

/** sync.Once: Do runs its function once, before anything after any Do on the same Once returns. */
export const ONCE = Object.freeze({ pkg: "sync", name: "Once", method: "Do", funcArg: 0 });

/** Types whose values are safe for concurrent use: their method calls are never accesses to guard. */
export const CONCURRENT_SAFE_TYPES: readonly { pkg: string; name: string }[] = [
  { pkg: "sync", name: "Map" },
];

/** Calls that block until another goroutine acts (besides channel operations and select). */
export const BLOCKING_METHODS: ReadonlySet<string> = new Set([WAIT_GROUP.wait]);

/** The parallel-subtest marker a subtest's callback calls on its own *testing.T. */
export const PARALLEL_METHOD = "Parallel";

/** Struct types with a sync.Mutex or sync.RWMutex field (named or embedded, by value or pointer). */
export function mutexOwningTypes(ir: PackageIR): string[] {
  const out: string[] = [];
  for (const [name, decl] of ir.types) {
    if (decl.type.k !== "struct") continue;
    const owns = decl.type.fields.some((f) => {
      const t = f.type.k === "ptr" ? f.type.elem : f.type;
      return t.k === "named" && t.pkg === "sync" && MUTEX_TYPES.includes(t.name);
    });
    if (owns) out.push(name);
  }
  return out.sort();
}

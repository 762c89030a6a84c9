/**
 * The defensive-programming checklist every go-hazard rule maps to, as data:
 * used for SARIF taxonomies and tags, rule docs and `go-hazard rules`.
 * The ids are stable; titles and descriptions are user-facing.
 */
import type { ChecklistId } from "./rule-info.js";

export interface ChecklistItem {
  id: ChecklistId;
  /** A few words, used as a SARIF taxon short description and in tables. */
  title: string;
  /** One paragraph explaining the practice. */
  description: string;
  /** Related CWE numbers (may be empty). */
  cwe: number[];
}

export const CHECKLIST: readonly ChecklistItem[] = [
  {
    id: "DP-1",
    title: "Guard every access to a shared map with one lock",
    description:
      "When more than one goroutine can reach a map, every operation on it — reads, writes, delete, len, range, clear — must happen while holding the same lock. Writers need the exclusive lock; holding only RLock while writing is still a race. Go's runtime aborts the whole process on concurrent map writes or a read racing a write. If a lock around a plain map does not fit, use sync.Map for read-mostly data or a sharded map with one lock per shard.",
    cwe: [362, 820],
  },
  {
    id: "DP-2",
    title: "Do not range over a map another goroutine writes",
    description:
      "A range loop reads the map for as long as the loop runs, so a concurrent writer makes it crash or observe inconsistent state. Take the lock, copy the entries you need into a new map or slice, release the lock, and iterate the copy.",
    cwe: [362],
  },
  {
    id: "DP-3",
    title: "Treat maps that escape to other goroutines as shared",
    description:
      "A package-level map, or a map that reaches another goroutine — captured by a closure started with go, passed as an argument to go f(m), reached through a method value such as go s.run(), used by a callback that runs elsewhere (time.AfterFunc, HTTP handlers, parallel subtests), or sent on a channel while the sender keeps using it — is shared. Either give it a single owner goroutine that all others talk to, or protect every access with a lock.",
    cwe: [362, 820],
  },
  {
    id: "DP-4",
    title: "Do not mutate shared byte buffers concurrently",
    description:
      "Byte slices stored in a map (map[K][]byte, map[K]*[]byte) or otherwise reachable from several goroutines share their backing array. Writing elements, appending through a pointer (*p = append(*p, ...)), copying into them, or appending to a shared slice variable while another goroutine reads or writes the same buffer is a data race that can corrupt memory or lose data. Lock around such mutations or hand each goroutine its own buffer.",
    cwe: [362, 787],
  },
  {
    id: "DP-5",
    title: "Store copies, not aliases, of reused buffers",
    description:
      "Keeping &buf or a subslice buf[i:j] of a buffer that is later reused or overwritten means the stored value silently changes with it; subslices kept under different keys all point into one backing array. Store an independent copy instead, for example bytes.Clone(buf) or an explicit make plus copy.",
    cwe: [416, 664],
  },
  {
    id: "DP-6",
    title: "Check pointers read from a map before dereferencing",
    description:
      "A missing key yields the zero value, which for a pointer is nil, and dereferencing it crashes the program. Read with the two-value form, p, ok := m[k], and handle !ok or p == nil before using *p; never write *m[k] or (*m[k])[i] directly.",
    cwe: [476],
  },
  {
    id: "DP-7",
    title: "Initialize a map before writing to it",
    description:
      "Reading a nil map is allowed, but assigning to it panics. Create maps with make or a literal before the first write, including maps held in struct fields and maps received from callers.",
    cwe: [476],
  },
  {
    id: "DP-8",
    title: "Bound maps that live as long as the program",
    description:
      "A package-level map, or a map field of an object that lives for the whole process, that only ever gains keys is a memory leak — especially when its values are large byte slices. Give it an eviction policy: delete entries when done, expire them after a time, or cap the number of entries.",
    cwe: [401, 770],
  },
  {
    id: "DP-9",
    title: "No hand-made slice headers or pointer arithmetic",
    description:
      "Building or editing reflect.SliceHeader or reflect.StringHeader values, calling unsafe.Slice with a length beyond the source's capacity, or writing through unsafe.Pointer(uintptr(p) + offset) reads and writes memory the runtime does not know about and bypasses the garbage collector's write barriers. Use ordinary slicing, or unsafe.Slice and unsafe.String with lengths that are known to be in bounds.",
    cwe: [787, 119],
  },
  {
    id: "DP-10",
    title: "Pass data, not slice headers, to cgo",
    description:
      "C code expects a pointer to the bytes and a length, not a Go slice header. Pass &b[0] or unsafe.SliceData(b) together with len(b); never &b or a *[]byte. Memory allocated by C.CBytes or C.CString is not garbage collected and must be released with C.free.",
    cwe: [119, 401],
  },
  {
    id: "DP-11",
    title: "Do not capture variables the spawner keeps changing",
    description:
      "A goroutine that closes over a variable the spawning code goes on modifying — a loop variable under pre-Go 1.22 semantics, a shared err, a named result — races with those modifications and may see the wrong value. Pass the value to the goroutine as an argument, or declare a fresh variable for it.",
    cwe: [362],
  },
  {
    id: "DP-12",
    title: "Bound input-controlled sizes before allocating",
    description:
      "A size taken from a request, a length prefix or a decoded field can be arbitrarily large; make([]byte, n) with such an n lets one message exhaust memory. Check the size against a sensible maximum before allocating, and reject or cap larger values.",
    cwe: [789, 770],
  },
  {
    id: "DP-13",
    title: "Confirm with the race detector",
    description:
      "Static analysis finds likely hazards; the race detector confirms real ones. Run the tests of packages that have findings with go test -race in CI, with tests that actually exercise the concurrent paths. This is a practice rather than a rule: rule help points to it.",
    cwe: [],
  },
];

/** Short names of the CWE entries the checklist refers to. */
export const CWE_NAMES: Readonly<Record<number, string>> = {
  119: "Improper Restriction of Operations within the Bounds of a Memory Buffer",
  362: "Concurrent Execution using Shared Resource with Improper Synchronization ('Race Condition')",
  401: "Missing Release of Memory after Effective Lifetime",
  416: "Use After Free",
  476: "NULL Pointer Dereference",
  664: "Improper Control of a Resource Through its Lifetime",
  770: "Allocation of Resources Without Limits or Throttling",
  787: "Out-of-bounds Write",
  789: "Memory Allocation with Excessive Size Value",
  820: "Missing Synchronization",
};

const BY_ID = new Map<string, ChecklistItem>(CHECKLIST.map((item) => [item.id, item]));

export function checklistItem(id: string): ChecklistItem | undefined {
  return BY_ID.get(id);
}

export function cweName(cwe: number): string | undefined {
  return CWE_NAMES[cwe];
}

export function cweUrl(cwe: number): string {
  return `https://cwe.mitre.org/data/definitions/${cwe}.html`;
}

/** Every CWE the checklist uses, ascending. */
export function checklistCwes(): number[] {
  return [...new Set(CHECKLIST.flatMap((item) => item.cwe))].sort((a, b) => a - b);
}

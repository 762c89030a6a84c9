/**
 * slice-race: a slice or byte buffer mutated by one goroutine while another
 * reads or mutates it: element writes through map-held pointers
 * (`(*m[k])[i] = x`), `*p = append(*p, ...)`, `append` to a shared slice
 * variable, `copy` into a shared buffer. Unlike maps the runtime doesn't stop
 * the program: data is silently torn or lost, or a stale slice header points
 * at a reallocated array.
 */
import { createRaceRule, isWriteAccess } from "./util/race.js";

export const sliceRace = createRaceRule({
  name: "slice-race",
  meta: {
    type: "problem",
    docs: {
      description: "A slice or byte buffer is modified by one goroutine while another goroutine uses it, with no common lock.",
      checklist: ["DP-4"],
      cwe: [362, 787],
      category: "concurrency",
      defaultSeverity: "error",
      precision: "high",
      securitySeverity: "6.5",
      recommended: true,
    },
    messages: {
      race:
        "Slice {{object}} is {{verb}} here while another goroutine {{otherVerb}} it at {{otherWhere}}, with no common lock. {{reason}}; this access holds {{locks}}, the other {{otherLocks}}. Give each goroutine its own buffer (bytes.Clone before handing it over), write distinct indices and wait, or guard the slice with a mutex.",
    },
    schema: [],
  },
  selection: {
    pair: (o) => o.kind === "slice",
    reportOn: (a, b) => [a, b].filter(isWriteAccess),
  },
});

/**
 * map-range-race: `for ... range m` over a map that another goroutine may
 * write at the same time. Iteration reads the map's buckets throughout the
 * loop, so a concurrent write aborts the program just like two writes.
 */
import { createRaceRule, isWriteAccess } from "./util/race.js";

export const mapRangeRace = createRaceRule({
  name: "map-range-race",
  meta: {
    type: "problem",
    docs: {
      description: "A map is iterated with range while another goroutine may write it.",
      checklist: ["DP-2", "DP-1"],
      cwe: [362],
      category: "concurrency",
      defaultSeverity: "error",
      precision: "high",
      securitySeverity: "7.5",
      recommended: true,
    },
    messages: {
      race:
        "Ranging over map {{object}} while another goroutine may write it ({{otherVerb}} at {{otherWhere}}), with no common lock. {{reason}}; the loop holds {{locks}}, the writer {{otherLocks}}. Copy the map under its lock and range over the copy, or hold the lock for the whole loop.",
    },
    schema: [],
  },
  selection: {
    pair: (o, a, b) => o.kind === "map" && ((a.kind === "range" && isWriteAccess(b)) || (b.kind === "range" && isWriteAccess(a))),
    reportOn: (a, b) => [a, b].filter((x) => x.kind === "range"),
  },
});

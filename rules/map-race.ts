/**
 * map-race: a map reached by two goroutines (or two instances of one) where
 * at least one access writes, with no common lock and no ordering between
 * them. The Go runtime kills the process on such a race
 * ("fatal error: concurrent map writes" / "concurrent map read and map write").
 */
import { createRaceRule, isWriteAccess } from "./util/race.js";

export const mapRace = createRaceRule({
  name: "map-race",
  meta: {
    type: "problem",
    docs: {
      description: "A map is written by one goroutine while another goroutine reads or writes it, with no common lock.",
      checklist: ["DP-1", "DP-3"],
      cwe: [362, 820],
      category: "concurrency",
      defaultSeverity: "error",
      precision: "high",
      // The runtime aborts the whole process: a denial of service at the least.
      securitySeverity: "7.5",
      recommended: true,
    },
    messages: {
      race:
        "Map {{object}} is {{verb}} here while another goroutine {{otherVerb}} it at {{otherWhere}}, with no common lock. {{reason}}; this access holds {{locks}}, the other {{otherLocks}}. Concurrent map access aborts the program (fatal error: concurrent map writes): guard every access with one mutex, use sync.Map, or confine the map to one goroutine.",
    },
    schema: [],
  },
  selection: {
    // Iteration races have their own rule (map-range-race).
    pair: (o, a, b) => o.kind === "map" && a.kind !== "range" && b.kind !== "range",
    reportOn: (a, b) => [a, b].filter(isWriteAccess),
  },
});

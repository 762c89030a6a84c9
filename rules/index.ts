/**
 * Every go-hazard rule, by id. One file per rule in this directory; the
 * plugin (src/eslint/plugin.ts) registers them and builds `recommended`.
 */
import type { GoRule } from "../src/eslint/rule.js";
import { mapRace } from "./map-race.js";
import { mapRangeRace } from "./map-range-race.js";
import { sliceRace } from "./slice-race.js";
import { reusedBufferAlias } from "./reused-buffer-alias.js";
import { unsafeSliceHeader } from "./unsafe-slice-header.js";
import { cgoSliceHeader } from "./cgo-slice-header.js";
import { goroutineCapturedVar } from "./goroutine-captured-var.js";
import { nilMapWrite } from "./nil-map-write.js";
import { uncheckedMapPointer } from "./unchecked-map-pointer.js";
import { unboundedMapGrowth } from "./unbounded-map-growth.js";
import { inconsistentFieldLock } from "./inconsistent-field-lock.js";
import { unboundedAllocation } from "./unbounded-allocation.js";

export const rules: Record<string, GoRule> = {
  "map-race": mapRace,
  "map-range-race": mapRangeRace,
  "slice-race": sliceRace,
  "reused-buffer-alias": reusedBufferAlias,
  "unsafe-slice-header": unsafeSliceHeader,
  "cgo-slice-header": cgoSliceHeader,
  "goroutine-captured-var": goroutineCapturedVar,
  "nil-map-write": nilMapWrite,
  "unchecked-map-pointer": uncheckedMapPointer,
  "unbounded-map-growth": unboundedMapGrowth,
  "inconsistent-field-lock": inconsistentFieldLock,
  "unbounded-allocation": unboundedAllocation,
};

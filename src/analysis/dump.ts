/**
 * `go-hazard facts`: the analysis facts as JSON, so anyone can see why a
 * finding exists or doesn't. (Placeholder until the dataflow pass lands.)
 */
import type { PackageIR } from "../ir/types.js";
import type { PackageFacts } from "./facts.js";

export function factsToJson(ir: PackageIR, facts: PackageFacts): unknown {
  return { package: ir.pkg.id, dir: ir.pkg.relDir, budgetExceeded: facts.budgetExceeded, objects: [], threads: [], pairs: [] };
}

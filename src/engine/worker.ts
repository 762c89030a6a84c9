/**
 * Worker thread entry (compiled to dist/src/engine/worker.js): takes whole
 * packages from the main thread, analyses each with `analyzeOnePackage`
 * (one tree-sitter parser, one Linter and one config array for the thread's
 * life), and posts the results back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { analyzeOnePackage, internalError, type PackageResult } from "./analyze.js";
import type { EngineConfig } from "./config.js";
import type { GoPackage } from "../loader/types.js";

export interface WorkerRequest {
  id: number;
  pkg: GoPackage;
}

export type WorkerResponse = { id: number; result: PackageResult };

const config = (workerData as { config: EngineConfig }).config;

parentPort!.on("message", async (req: WorkerRequest) => {
  let result: PackageResult;
  try {
    result = await analyzeOnePackage(req.pkg, config);
  } catch (err) {
    result = { packageId: req.pkg.id, findings: [], notifications: [internalError(req.pkg, "worker failed", err)], files: req.pkg.files.length };
  }
  parentPort!.postMessage({ id: req.id, result } satisfies WorkerResponse);
});

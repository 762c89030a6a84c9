/**
 * The fuzz run's worker: checks cases start, start+1, ... and posts each
 * outcome, so the main thread can tell a hang (no message for a while) from
 * slow progress and restart after the case that hung.
 */
import { parentPort, workerData } from "node:worker_threads";
import { checkText, makeCase, type Failure } from "./check.js";

export interface WorkerInput {
  corpus: string[];
  seed: number;
  start: number;
  end: number;
  deadline: number;
}

export type WorkerMessage = { index: number; ms: number; failure: Failure | null; base: string; applied: string[] } | { done: true };

const input = workerData as WorkerInput;
for (let i = input.start; i < input.end && Date.now() < input.deadline; i++) {
  const c = makeCase(input.corpus, input.seed, i);
  const start = performance.now();
  const failure = await checkText(c.text, c.facts);
  parentPort!.postMessage({ index: i, ms: performance.now() - start, failure, base: c.base, applied: c.applied } satisfies WorkerMessage);
}
parentPort!.postMessage({ done: true } satisfies WorkerMessage);

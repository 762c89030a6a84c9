/**
 * Packages on a pool of worker threads. Largest packages go first so a big
 * one started last does not leave the other workers idle at the end. A worker
 * that dies (out of memory, a crash in native code) costs only the package it
 * was working on: that package gets an `internal-error` notification, a fresh
 * worker takes its place, and the run goes on.
 */
import * as fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { GoPackage } from "../loader/types.js";
import { analyzeOnePackage, internalError, queueParse, type PackageResult } from "./analyze.js";
import { turn } from "./event-loop.js";
import type { EngineConfig } from "./config.js";
import type { WorkerRequest, WorkerResponse } from "./worker.js";

export const WORKER_URL = new URL("./worker.js", import.meta.url);

/**
 * A worker's stack, in MB: the main thread's (V8's default 984 KB, plus the
 * 192 KB Node keeps back from a worker's stack), not the 4 MB Node gives
 * workers by default. A file's analysis then has the same stack on either
 * thread, so `--jobs` can't change a result even where recursion remains
 * (MAX_TREE_DEPTH keeps it far from the limit; docs/robustness.md).
 */
export const WORKER_STACK_MB = (984 + 192) / 1024;

function packageSize(pkg: GoPackage): number {
  let n = 0;
  for (const f of pkg.files) n += f.text.length;
  return n;
}

/** Largest first; ties by id so the schedule itself is deterministic. */
export function scheduleOrder(packages: readonly GoPackage[]): GoPackage[] {
  return packages
    .map((pkg) => ({ pkg, size: packageSize(pkg) }))
    .sort((a, b) => b.size - a.size || (a.pkg.id < b.pkg.id ? -1 : a.pkg.id > b.pkg.id ? 1 : 0))
    .map((x) => x.pkg);
}

export interface PoolOptions {
  jobs: number;
  /** Called after each package (progress). */
  onResult?: (result: PackageResult, done: number, total: number) => void;
}

/** Analyses every package; results come back in `packages`' order. */
export async function analyzePackages(
  packages: readonly GoPackage[],
  config: EngineConfig,
  options: PoolOptions,
): Promise<PackageResult[]> {
  const results = new Map<GoPackage, PackageResult>();
  const order = scheduleOrder(packages);
  // Without the compiled worker (running from sources), stay on this thread.
  const workerAvailable = fs.existsSync(fileURLToPath(WORKER_URL));
  const jobs = workerAvailable ? Math.max(1, Math.min(options.jobs, order.length)) : 1;

  if (jobs <= 1) {
    // The next package's files are parsed on the thread pool while this one is analysed.
    let next = order.length > 0 ? queueParse(order[0]!) : null;
    for (const [i, pkg] of order.entries()) {
      const queued = next;
      next = i + 1 < order.length ? queueParse(order[i + 1]!) : null;
      let r: PackageResult;
      try {
        r = await analyzeOnePackage(pkg, config, queued);
      } catch (err) {
        r = { packageId: pkg.id, findings: [], notifications: [internalError(pkg, "analysis failed", err)], files: pkg.files.length };
      }
      results.set(pkg, r);
      options.onResult?.(r, results.size, order.length);
      // The package's last trees are freed on this turn (see `turn`): a package
      // under 8 files never turns inside analyzeOnePackage, and without it the
      // trees of a whole run stayed in native memory (the stdlib: +600 MB).
      await turn();
    }
    return packages.map((p) => results.get(p)!);
  }

  await new Promise<void>((resolve) => {
    let next = 0;
    let live = 0;
    let requestId = 0;

    const finish = (pkg: GoPackage, r: PackageResult): void => {
      results.set(pkg, r);
      options.onResult?.(r, results.size, order.length);
    };

    const start = (): void => {
      if (next >= order.length) return;
      const worker = new Worker(WORKER_URL, { workerData: { config }, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
      live++;
      let current: { id: number; pkg: GoPackage } | null = null;
      let done = false;

      const feed = (): void => {
        if (next >= order.length) {
          current = null;
          done = true;
          void worker.terminate();
          return;
        }
        const pkg = order[next++]!;
        current = { id: ++requestId, pkg };
        worker.postMessage({ id: current.id, pkg } satisfies WorkerRequest);
      };

      worker.on("message", (msg: WorkerResponse) => {
        if (current && msg.id === current.id) finish(current.pkg, msg.result);
        feed();
      });
      worker.on("error", (err) => {
        if (current) {
          finish(current.pkg, {
            packageId: current.pkg.id,
            findings: [],
            notifications: [internalError(current.pkg, "worker crashed", err)],
            files: current.pkg.files.length,
          });
          current = null;
        }
      });
      worker.on("exit", (code) => {
        live--;
        if (!done) {
          if (current) {
            finish(current.pkg, {
              packageId: current.pkg.id,
              findings: [],
              notifications: [internalError(current.pkg, "worker exited", new Error(`exit code ${code}`))],
              files: current.pkg.files.length,
            });
          }
          start(); // replace it while work remains
        }
        if (live === 0) resolve();
      });
      feed();
    };

    for (let i = 0; i < jobs; i++) start();
  });
  return packages.map((p) => results.get(p)!);
}

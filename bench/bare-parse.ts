/**
 * The practical floor for go-hazard's throughput: read and parse every file
 * of a list with tree-sitter-go, nothing else (no tree conversion, no rules).
 *
 *     node dist/bench/bare-parse.js <file-list> [--threads N]
 *
 * <file-list> holds one absolute path per line. With --threads N the files
 * are split over N worker threads (largest first, to the least loaded), the
 * way go-hazard spreads packages over its workers. Prints one JSON line:
 * { files, chars, threads, ms }.
 *
 * Trees are freed as the parse goes, as in go-hazard's own runs: the binding
 * frees a tree only from a finalizer, which runs on a turn of the event loop.
 * Without the turns every tree stayed in memory until exit (790 MB on the
 * stdlib) and tearing them down made the floor ~0.6 s slower than it is.
 */
import * as fs from "node:fs";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { FILES_PER_TURN, turn } from "../src/engine/event-loop.js";
import { parseTreeWithBinding } from "../src/parse/binding-reader.js";

async function parseAll(files: readonly string[]): Promise<{ files: number; chars: number }> {
  let chars = 0;
  for (const [i, file] of files.entries()) {
    if (i % FILES_PER_TURN === FILES_PER_TURN - 1) await turn();
    const text = fs.readFileSync(file, "utf8");
    chars += text.length;
    parseTreeWithBinding(text);
  }
  return { files: files.length, chars };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const listFile = args.find((a) => !a.startsWith("--"));
  const t = args.indexOf("--threads");
  const threads = t >= 0 ? Math.max(1, Number(args[t + 1]) || 1) : 1;
  if (!listFile) {
    process.stderr.write("usage: bare-parse <file-list> [--threads N]\n");
    process.exit(2);
  }
  const files = fs.readFileSync(listFile, "utf8").split("\n").filter(Boolean);
  const start = performance.now();
  let result: { files: number; chars: number };
  if (threads === 1) {
    result = await parseAll(files);
  } else {
    const sized = files.map((f) => ({ f, size: fs.statSync(f).size })).sort((a, b) => b.size - a.size || (a.f < b.f ? -1 : 1));
    const shares: string[][] = Array.from({ length: threads }, () => []);
    const loads = new Array<number>(threads).fill(0);
    for (const { f, size } of sized) {
      const i = loads.indexOf(Math.min(...loads));
      shares[i]!.push(f);
      loads[i]! += size;
    }
    const parts = await Promise.all(
      shares.map(
        (share) =>
          new Promise<{ files: number; chars: number }>((resolve, reject) => {
            const w = new Worker(new URL(import.meta.url), { workerData: share });
            w.once("message", resolve);
            w.once("error", reject);
          }),
      ),
    );
    result = parts.reduce((a, b) => ({ files: a.files + b.files, chars: a.chars + b.chars }), { files: 0, chars: 0 });
  }
  process.stdout.write(JSON.stringify({ ...result, threads, ms: Math.round(performance.now() - start) }) + "\n");
}

if (isMainThread) {
  await main();
} else {
  parentPort!.postMessage(await parseAll(workerData as string[]));
}

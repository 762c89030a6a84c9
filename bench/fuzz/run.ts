/**
 * `npm run fuzz`: the seeded mutation fuzzer (issue 20). Mutates real Go
 * files (what the repository ships under testdata/ and examples/, plus the Go
 * standard library when `go env GOROOT` or /usr/lib/go has its sources) and
 * runs each through the whole analysis on a worker thread with the main
 * thread's stack. A case fails on an internal error or an exception, and
 * hangs when it gives no answer for --hang-seconds. Each failure is written
 * to --out as `<seed>-<index>.go` with a `.txt` saying what happened; copy the
 * `.go` into test/fuzz/regressions/ to keep it as a regression fixture.
 *
 *   npm run fuzz -- --minutes 30          # on demand
 *   npm run fuzz -- --count 10000 --seed 1
 *
 * Options: --minutes M (default 5), --count N (cases; default unbounded
 * within the time), --seed S (default 1), --shipped-only (no standard
 * library), --out DIR (default $TMPDIR/go-hazard-fuzz), --hang-seconds S
 * (default 60). GO_HAZARD_PARSE_BUDGET_MS defaults to 1000 here. Exits 1
 * when any case failed or hung.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { corpusFiles, makeCase } from "./check.js";
import { WORKER_STACK_MB } from "../../src/engine/pool.js";
import { parserInfo } from "../../src/parse/parser.js";
import type { WorkerInput, WorkerMessage } from "./worker.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

const minutes = Number(option("--minutes") ?? 5);
const count = option("--count") !== undefined ? Number(option("--count")) : Infinity;
const seed = Number(option("--seed") ?? 1);
const out = path.resolve(option("--out") ?? path.join(os.tmpdir(), "go-hazard-fuzz"));
const hangMs = Number(option("--hang-seconds") ?? 60) * 1000;

function goroot(): string | null {
  const r = spawnSync("go", ["env", "GOROOT"], { encoding: "utf8" });
  for (const dir of [r.status === 0 ? r.stdout.trim() : "", "/usr/lib/go", "/usr/local/go"]) {
    if (dir && fs.existsSync(path.join(dir, "src", "runtime"))) return path.join(dir, "src");
  }
  return null;
}

// Mutations make files tree-sitter's error recovery is slow on, on purpose; a 1 s budget
// still tests the cut-off without spending the run on it (the worker inherits this).
process.env.GO_HAZARD_PARSE_BUDGET_MS ??= "1000";
// An addon built from older sources ignores the budget: the worker parses with the binding instead.
if (parserInfo.reader === "native" && !parserInfo.parseBudget) {
  console.log(`go-hazard fuzz: native tree export ${parserInfo.reason}; using the tree-sitter binding`);
  process.env.GO_HAZARD_NATIVE = "0";
}

const dirs = [path.join(repoRoot, "testdata"), path.join(repoRoot, "examples")];
const stdlib = process.argv.includes("--shipped-only") ? null : goroot();
if (stdlib) dirs.push(stdlib);
const corpus = corpusFiles(dirs);
const deadline = Date.now() + minutes * 60_000;
console.log(`go-hazard fuzz: seed ${seed}, ${corpus.length} corpus files (${stdlib ? `with ${stdlib}` : "shipped files only"}), ${Number.isFinite(count) ? `${count} cases, ` : ""}up to ${minutes} min`);

interface Bad {
  index: number;
  what: string;
}
const bad: Bad[] = [];
let checked = 0;
let slowest = { ms: 0, index: -1 };
const started = Date.now();

function record(index: number, what: string): void {
  bad.push({ index, what });
  fs.mkdirSync(out, { recursive: true });
  const c = makeCase(corpus, seed, index);
  const name = `${seed}-${index}`;
  fs.writeFileSync(path.join(out, `${name}.go`), c.text);
  fs.writeFileSync(path.join(out, `${name}.txt`), `seed ${seed}, case ${index}\nbase ${c.base}\nmutations ${c.applied.join(", ")}\n\n${what}\n`);
  console.log(`  case ${index}: ${what.split("\n")[0]} (written to ${path.join(out, name)}.go)`);
}

/** Runs cases from `start` on a fresh worker; resolves with where to go on from (after a hang), or null when done. */
function runFrom(start: number): Promise<number | null> {
  return new Promise((resolve) => {
    const input: WorkerInput = { corpus, seed, start, end: Number.isFinite(count) ? count : Number.MAX_SAFE_INTEGER, deadline };
    const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: input, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
    let current = start;
    let settled = false;
    const finish = (next: number | null): void => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      void worker.terminate();
      resolve(next);
    };
    let lastAnswer = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastAnswer < hangMs) return;
      record(current, `hang: no answer in ${hangMs / 1000} s`);
      finish(current + 1);
    }, 1000);
    worker.on("message", (m: WorkerMessage) => {
      lastAnswer = Date.now();
      if ("done" in m) return finish(null);
      checked++;
      if (m.ms > slowest.ms) slowest = { ms: m.ms, index: m.index };
      if (m.failure) record(m.index, m.failure.problem);
      current = m.index + 1;
      if (checked % 500 === 0) console.log(`  ${checked} cases, ${Math.round((Date.now() - started) / 1000)} s`);
    });
    worker.on("error", (err) => {
      record(current, `worker crashed: ${err.stack ?? String(err)}`);
      finish(current + 1);
    });
    worker.on("exit", (code) => {
      if (!settled) {
        record(current, `worker exited with code ${code}`);
        finish(current + 1);
      }
    });
  });
}

let next: number | null = 0;
while (next !== null && Date.now() < deadline && next < count) next = await runFrom(next);
const secs = Math.round((Date.now() - started) / 1000);
console.log(
  `go-hazard fuzz: ${checked} cases in ${secs} s, ${bad.length} failed or hung; slowest case ${slowest.index} (${Math.round(slowest.ms)} ms)`,
);
process.exit(bad.length > 0 ? 1 : 0);

/**
 * `npm run bench:scaling`: does the cost grow linearly with the size of one
 * package? Two generated series, each `lint ./... --no-cache --jobs 1`:
 *
 *   - files: N one-function files in one package, each making a map and
 *     writing it from goroutines in a loop (one race per file), N = 2,000,
 *     4,000, 8,000, 20,000;
 *   - functions: the same N functions in one file, N = 2,000, 4,000, 8,000.
 *
 * It prints wall time, peak RSS (with /usr/bin/time) and time per file or
 * function above the smallest size, whose time includes the start-up. A flat
 * last column is linear cost; issue 20 found the file series quadratic (the
 * race rules scanned every pair of the package for every file: 20,000 files
 * took over 10 minutes). docs/performance.md records the numbers.
 *
 * Options: --quick (the two smallest sizes of each series), --keep (leave the
 * generated trees in the temp directory).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = path.join(repoRoot, "bin", "go-hazard.js");
const TIME = "/usr/bin/time";

const quick = process.argv.includes("--quick");
const keep = process.argv.includes("--keep");

function racyFunc(i: number): string {
  return `func F${i}() {\n\tm := map[int]int{}\n\tfor j := 0; j < 10; j++ {\n\t\tgo func() { m[j] = j }()\n\t}\n}\n`;
}

function generate(root: string, series: "files" | "functions", n: number): void {
  fs.mkdirSync(path.join(root, "p"), { recursive: true });
  fs.writeFileSync(path.join(root, "go.mod"), "module example.com/scaling\n\ngo 1.22\n");
  if (series === "files") {
    for (let i = 0; i < n; i++) fs.writeFileSync(path.join(root, "p", `f${i}.go`), `package p\n\n${racyFunc(i)}`);
  } else {
    const parts = ["package p\n"];
    for (let i = 0; i < n; i++) parts.push(racyFunc(i));
    fs.writeFileSync(path.join(root, "p", "p.go"), parts.join("\n"));
  }
}

interface Measurement {
  series: string;
  n: number;
  wallS: number;
  rssMB: number | null;
  findings: number;
}

function measure(root: string): { wallS: number; rssMB: number | null; findings: number } {
  const args = [bin, "lint", "./...", "--cwd", root, "--no-cache", "--jobs", "1", "--format", "json"];
  const timed = fs.existsSync(TIME);
  const start = process.hrtime.bigint();
  const r = timed
    ? spawnSync(TIME, ["-f", "%M", process.execPath, ...args], { encoding: "utf8", maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 30 });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 1) throw new Error(`lint exited ${r.status}: ${r.stderr.slice(-500)}`);
  const rssKB = timed ? Number(r.stderr.trim().split("\n").pop()) : NaN;
  const findings = (JSON.parse(r.stdout) as { findings: unknown[] }).findings.length;
  return { wallS, rssMB: Number.isFinite(rssKB) ? Math.round(rssKB / 1024) : null, findings };
}

const plan: Array<["files" | "functions", number[]]> = [
  ["files", quick ? [2000, 4000] : [2000, 4000, 8000, 20000]],
  ["functions", quick ? [2000, 4000] : [2000, 4000, 8000]],
];

const results: Measurement[] = [];
for (const [series, sizes] of plan) {
  for (const n of sizes) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `go-hazard-scaling-${series}-${n}-`));
    try {
      generate(root, series, n);
      const m = measure(root);
      results.push({ series, n, ...m });
      const base = results.find((r) => r.series === series)!;
      const perItem = n === base.n ? "" : `${(((m.wallS - base.wallS) / (n - base.n)) * 1000).toFixed(2)} ms`;
      console.log(
        `${series.padEnd(9)} ${String(n).padStart(6)}  ${m.wallS.toFixed(1).padStart(6)} s  ${m.rssMB === null ? "    ?" : String(m.rssMB).padStart(5)} MB  ${String(m.findings).padStart(6)} findings  ${perItem}`,
      );
    } finally {
      if (!keep) fs.rmSync(root, { recursive: true, force: true });
    }
  }
}
console.log(`\nload average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; ${os.cpus().length} CPUs; node ${process.version}`);

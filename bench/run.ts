/**
 * `npm run bench`: go-hazard against its targets, every scenario in one run.
 *
 *   - go-hazard `lint` on the Go standard library ($(go env GOROOT)/src):
 *     a quarter, a half and all of it (cost should grow linearly), cold
 *     (`--no-cache`);
 *   - bare tree-sitter parsing of the same files (the floor), on 1 thread and
 *     on as many threads as go-hazard uses;
 *   - `go vet ./...` with an empty GOCACHE (slow: ~90 s; `--skip-go-vet`
 *     reuses the last measurement from the results file, labelled so);
 *   - one changed file passed as an argument (a pre-commit hook), cold process,
 *     for a small, a large and the largest package;
 *   - a warm re-run of the whole tree with the result cache.
 *
 * Wall time, CPU time (user + sys, all threads) and peak RSS of each child
 * come from `/usr/bin/time -f`; without it only wall time is measured (and
 * the report says so). Each scenario runs `--runs` times (default 3); the
 * medians are reported and written to bench/results.json with the machine,
 * the load average around each run, and the ratios against the targets.
 *
 * The bench installs nothing. Without Go it skips `go vet`, and without the
 * standard library sources it runs the lint scenarios on a generated corpus
 * (copies of testdata/) instead, flagged as such.
 *
 * Options: --runs N, --skip-go-vet, --goroot DIR, --out FILE, --quick (1 run,
 * no go vet, no quarter/half).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadPackages } from "../src/loader/index.js";
import type { GoPackage } from "../src/loader/types.js";
import { parserInfo } from "../src/parse/parser.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = path.join(repoRoot, "bin", "go-hazard.js");
const bareParse = path.join(repoRoot, "dist", "bench", "bare-parse.js");
const TIME = "/usr/bin/time";

// ---- options ---------------------------------------------------------------------------

interface Options {
  runs: number;
  skipGoVet: boolean;
  goroot: string | null;
  out: string;
  quick: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { runs: 3, skipGoVet: false, goroot: null, out: path.join(repoRoot, "bench", "results.json"), quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--runs") o.runs = Math.max(1, Number(argv[++i]) || 1);
    else if (a === "--skip-go-vet") o.skipGoVet = true;
    else if (a === "--goroot") o.goroot = path.resolve(argv[++i] ?? ".");
    else if (a === "--out") o.out = path.resolve(argv[++i] ?? o.out);
    else if (a === "--quick") o.quick = true;
    else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: npm run bench -- [--runs N] [--skip-go-vet] [--goroot DIR] [--out FILE] [--quick]\n");
      process.exit(0);
    } else {
      process.stderr.write(`bench: unknown option ${a}\n`);
      process.exit(2);
    }
  }
  if (o.quick) {
    o.runs = 1;
    o.skipGoVet = true;
  }
  return o;
}

// ---- measuring one child ---------------------------------------------------------------

interface Run {
  wallS: number;
  /** user + sys of the child and its threads; null without /usr/bin/time. */
  cpuS: number | null;
  /** Peak resident set size; null without /usr/bin/time. */
  rssMiB: number | null;
  exitCode: number;
  /** 1-minute load average just before the run. */
  loadBefore: number;
}

const haveTime = fs.existsSync(TIME);

function measure(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Run {
  const loadBefore = os.loadavg()[0]!;
  const env = options.env ?? process.env;
  const timeout = options.timeoutMs ?? 30 * 60_000;
  if (haveTime) {
    const out = path.join(os.tmpdir(), `go-hazard-bench-time-${process.pid}.txt`);
    const start = performance.now();
    const r = spawnSync(TIME, ["-f", "%e %U %S %M", "-o", out, command, ...args], { cwd: options.cwd, env, stdio: "ignore", timeout });
    const elapsed = (performance.now() - start) / 1000;
    const last = fs.readFileSync(out, "utf8").trim().split("\n").pop() ?? "";
    fs.rmSync(out, { force: true });
    const m = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(last);
    if (m) {
      return {
        wallS: Number(m[1]),
        cpuS: round(Number(m[2]) + Number(m[3]), 2),
        rssMiB: round(Number(m[4]) / 1024, 0),
        exitCode: r.status ?? -1,
        loadBefore: round(loadBefore, 2),
      };
    }
    return { wallS: round(elapsed, 2), cpuS: null, rssMiB: null, exitCode: r.status ?? -1, loadBefore: round(loadBefore, 2) };
  }
  const start = performance.now();
  const r = spawnSync(command, args, { cwd: options.cwd, env, stdio: "ignore", timeout });
  return { wallS: round((performance.now() - start) / 1000, 2), cpuS: null, rssMiB: null, exitCode: r.status ?? -1, loadBefore: round(loadBefore, 2) };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Scenario {
  id: string;
  title: string;
  command: string;
  cwd: string;
  runs: Run[];
  median: { wallS: number; cpuS: number | null; rssMiB: number | null };
  /** Anything the scenario adds: files, chars, findings, fraction of the tree... */
  info?: Record<string, unknown>;
  /** Set when the numbers were not measured in this run (go vet reused). */
  reusedFrom?: string;
}

function summarize(runs: Run[]): Scenario["median"] {
  const cpu = runs.map((r) => r.cpuS).filter((x): x is number => x !== null);
  const rss = runs.map((r) => r.rssMiB).filter((x): x is number => x !== null);
  return {
    wallS: round(median(runs.map((r) => r.wallS)), 2),
    cpuS: cpu.length ? round(median(cpu), 2) : null,
    rssMiB: rss.length ? Math.max(...rss) : null,
  };
}

function scenario(
  id: string,
  title: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; runs: number; before?: () => void; info?: Record<string, unknown> },
): Scenario {
  process.stderr.write(`bench: ${title} `);
  const runs: Run[] = [];
  for (let i = 0; i < options.runs; i++) {
    options.before?.();
    runs.push(measure(command, args, options));
    process.stderr.write(`${runs[runs.length - 1]!.wallS}s `);
  }
  process.stderr.write("\n");
  const shown = [command === process.execPath ? "node" : command, ...args.map((a) => (a.length > 60 ? `${a.slice(0, 57)}...` : a))];
  return {
    id,
    title,
    command: shown.join(" "),
    cwd: options.cwd,
    runs,
    median: summarize(runs),
    ...(options.info ? { info: options.info } : {}),
  };
}

// ---- the corpus --------------------------------------------------------------------------

function which(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

function goVersion(go: string): string | null {
  const r = spawnSync(go, ["version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

function goRoot(go: string | null, explicit: string | null): string | null {
  if (explicit) return explicit;
  if (go) {
    const r = spawnSync(go, ["env", "GOROOT"], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return process.env.GOROOT || null;
}

/** A stand-in tree when the standard library is not there: 12 copies of testdata/ as one module. */
function generatedCorpus(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "go-hazard-bench-corpus-"));
  fs.writeFileSync(path.join(dir, "go.mod"), "module example.com/corpus\n\ngo 1.21\n");
  for (let i = 0; i < 12; i++) fs.cpSync(path.join(repoRoot, "testdata"), path.join(dir, `copy${i}`), { recursive: true });
  return dir;
}

interface Corpus {
  root: string;
  generated: boolean;
  packages: GoPackage[];
  files: string[];
  chars: number;
  lines: number;
}

async function loadCorpus(root: string, generated: boolean): Promise<Corpus> {
  const load = await loadPackages(["./..."], { cwd: root, tests: true, generated: false, vendor: false, maxFileBytes: 5 * 1024 * 1024 });
  const files: string[] = [];
  let chars = 0;
  let lines = 0;
  for (const p of load.packages) {
    for (const f of p.files) {
      files.push(f.path);
      chars += f.text.length;
      for (let i = 0; i < f.text.length; i++) if (f.text.charCodeAt(i) === 10) lines++;
    }
  }
  return { root, generated, packages: load.packages, files: [...new Set(files)].sort(), chars, lines };
}

/**
 * Directories split into four buckets of about the same number of characters
 * (largest first, each to the lightest bucket): bucket 0 is "a quarter",
 * buckets 0-1 "a half".
 */
function buckets(corpus: Corpus): Array<{ dirs: string[]; chars: number; files: number }> {
  const byDir = new Map<string, { chars: number; files: number }>();
  for (const p of corpus.packages) {
    const e = byDir.get(p.relDir) ?? { chars: 0, files: 0 };
    for (const f of p.files) e.chars += f.text.length;
    e.files += p.files.length;
    byDir.set(p.relDir, e);
  }
  const out = Array.from({ length: 4 }, () => ({ dirs: [] as string[], chars: 0, files: 0 }));
  const dirs = [...byDir].sort((a, b) => b[1].chars - a[1].chars || (a[0] < b[0] ? -1 : 1));
  for (const [dir, e] of dirs) {
    const b = out.reduce((min, x) => (x.chars < min.chars ? x : min), out[0]!);
    b.dirs.push(dir);
    b.chars += e.chars;
    b.files += e.files;
  }
  for (const b of out) b.dirs.sort();
  return out;
}

function findingsIn(file: string): number | null {
  try {
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { findings: unknown[] }).findings.length;
  } catch {
    return null;
  }
}

// ---- main --------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const notes: string[] = [];
  if (!fs.existsSync(path.join(repoRoot, "dist", "src", "cli", "main.js"))) {
    process.stderr.write("bench: dist/ is missing; run `npm run build` first (npm run bench does)\n");
    process.exit(2);
  }
  if (!haveTime) notes.push(`${TIME} not found: wall time only, no CPU time or peak RSS (Debian/Ubuntu: apt-get install time)`);

  const go = which("go");
  const gover = go ? goVersion(go) : null;
  if (!go) notes.push("go not on PATH: go vet not measured");
  const root = goRoot(go, options.goroot);
  const stdlib = root ? path.join(root, "src") : null;
  let corpus: Corpus;
  if (stdlib && fs.existsSync(path.join(stdlib, "go.mod"))) {
    corpus = await loadCorpus(stdlib, false);
  } else {
    notes.push("Go standard library sources not found: lint scenarios run on a generated corpus (12 copies of testdata/), not comparable with the targets");
    corpus = await loadCorpus(generatedCorpus(), true);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "go-hazard-bench-"));
  const report = path.join(tmp, "report.json");
  const jobs = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  const node = process.execPath;
  const lint = (patterns: string[], extra: string[] = []): string[] => [bin, "lint", ...patterns, "--format", "json", "--output", report, "-q", ...extra];
  const loadStart = os.loadavg();
  const scenarios: Scenario[] = [];

  // Lint, cold: a quarter, a half, everything.
  const parts = buckets(corpus);
  const fractions = options.quick
    ? []
    : [
        { id: "lint-quarter", title: "go-hazard lint, 1/4 of the tree", dirs: parts[0]!.dirs, chars: parts[0]!.chars, files: parts[0]!.files },
        {
          id: "lint-half",
          title: "go-hazard lint, 1/2 of the tree",
          dirs: [...parts[0]!.dirs, ...parts[1]!.dirs].sort(),
          chars: parts[0]!.chars + parts[1]!.chars,
          files: parts[0]!.files + parts[1]!.files,
        },
      ];
  for (const f of fractions) {
    const s = scenario(f.id, f.title, node, lint(f.dirs.map((d) => (d === "." ? "." : `./${d}`)), ["--no-cache"]), {
      cwd: corpus.root,
      runs: options.runs,
      info: { directories: f.dirs.length, files: f.files, chars: f.chars, fraction: round(f.chars / corpus.chars, 3) },
    });
    s.info!.findings = findingsIn(report);
    scenarios.push(s);
  }
  const full = scenario("lint-full", "go-hazard lint ./... (whole tree, --no-cache)", node, lint(["./..."], ["--no-cache"]), {
    cwd: corpus.root,
    runs: options.runs,
    info: { packages: corpus.packages.length, files: corpus.files.length, chars: corpus.chars, lines: corpus.lines, fraction: 1 },
  });
  full.info!.findings = findingsIn(report);
  scenarios.push(full);

  // The floor: tree-sitter alone on the same files.
  const list = path.join(tmp, "files.txt");
  fs.writeFileSync(list, corpus.files.join("\n") + "\n");
  for (const threads of [...new Set([1, jobs])]) {
    scenarios.push(
      scenario(`bare-parse-${threads}`, `bare tree-sitter parse, ${threads} thread${threads > 1 ? "s" : ""}`, node, [bareParse, list, "--threads", String(threads)], {
        cwd: repoRoot,
        runs: options.runs,
        info: { files: corpus.files.length, chars: corpus.chars },
      }),
    );
  }

  // Pre-commit: one changed file, cold process, default settings (the cache
  // is on, but the package's entry is stale: a fresh cache directory).
  const precommit = corpus.generated
    ? [path.relative(corpus.root, corpus.files[0]!)]
    : ["sync/map.go", "net/http/server.go", "runtime/proc.go"].filter((f) => fs.existsSync(path.join(corpus.root, f)));
  for (const file of precommit) {
    const cacheDir = path.join(tmp, "precommit-cache");
    const pkg = corpus.packages.find((p) => p.files.some((f) => f.relPath === file));
    const s = scenario(`precommit-${file.replace(/[^\w]+/g, "-")}`, `pre-commit: lint ${file}`, node, lint([file], ["--cache-dir", cacheDir]), {
      cwd: corpus.root,
      runs: options.runs + 2,
      before: () => fs.rmSync(cacheDir, { recursive: true, force: true }),
      info: { packageFiles: pkg?.files.length ?? null, packageChars: pkg ? pkg.files.reduce((n, f) => n + f.text.length, 0) : null },
    });
    s.info!.findings = findingsIn(report);
    scenarios.push(s);
  }

  // Warm cache: fill once (not timed), then re-run on the unchanged tree.
  const warmDir = path.join(tmp, "warm-cache");
  spawnSync(node, lint(["./..."], ["--cache-dir", warmDir]), { cwd: corpus.root, stdio: "ignore" });
  const warm = scenario("lint-warm-cache", "go-hazard lint ./... again, result cache warm", node, lint(["./..."], ["--cache-dir", warmDir]), {
    cwd: corpus.root,
    runs: options.runs + 2,
  });
  warm.info = { findings: findingsIn(report) };
  scenarios.push(warm);

  // go vet with an empty build cache, or the last measurement.
  const previous = readPrevious(options.out);
  if (go && !corpus.generated && !options.skipGoVet) {
    const vetCache = path.join(tmp, "gocache");
    scenarios.push(
      scenario("go-vet", "go vet ./... (empty GOCACHE)", go, ["vet", "./..."], {
        cwd: corpus.root,
        env: { ...process.env, GOCACHE: vetCache, GOFLAGS: "" },
        runs: 1,
        before: () => fs.rmSync(vetCache, { recursive: true, force: true }),
        info: { go: gover },
      }),
    );
  } else {
    const old = previous?.scenarios.find((s) => s.id === "go-vet");
    if (old) {
      scenarios.push({ ...old, reusedFrom: old.reusedFrom ?? previous!.machine.date });
      notes.push(`go vet not run (--skip-go-vet or no Go): its numbers are reused from ${old.reusedFrom ?? previous!.machine.date}`);
    } else if (go && !corpus.generated) {
      notes.push("go vet not run (--skip-go-vet) and no earlier measurement to reuse");
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  if (corpus.generated) fs.rmSync(corpus.root, { recursive: true, force: true });

  // ---- ratios against the targets --------------------------------------------------------
  const get = (id: string) => scenarios.find((s) => s.id === id);
  const vet = get("go-vet");
  const bare1 = get("bare-parse-1");
  const bareN = get(`bare-parse-${jobs}`);
  const quarter = get("lint-quarter");
  const half = get("lint-half");
  const perMChar = (s: Scenario | undefined, chars: number) => (s ? round(s.median.wallS / (chars / 1e6), 3) : null);
  const targets = {
    speedupVsGoVet: { target: ">= 10", value: vet ? round(vet.median.wallS / full.median.wallS, 1) : null },
    fullWallS: { target: vet ? `<= ${round(vet.median.wallS / 10, 1)} (go vet / 10)` : "<= 9", value: full.median.wallS },
    fullPeakRssMiB: { target: "<= 1024", value: full.median.rssMiB },
    wallVsBareParse1Thread: { target: "<= 2", value: bare1 ? round(full.median.wallS / bare1.median.wallS, 2) : null },
    wallVsBareParseSameThreads: { target: "(for reference)", value: bareN ? round(full.median.wallS / bareN.median.wallS, 2) : null },
    cpuVsBareParse: { target: "(for reference)", value: bare1?.median.cpuS && full.median.cpuS ? round(full.median.cpuS / bare1.median.cpuS, 2) : null },
    precommitWallS: {
      target: "<= 1",
      value: Object.fromEntries(scenarios.filter((s) => s.id.startsWith("precommit-")).map((s) => [s.title.replace("pre-commit: lint ", ""), s.median.wallS])),
    },
    warmCacheWallS: { target: "<= 1", value: warm.median.wallS },
    scalingSecondsPerMillionChars: {
      target: "about constant (linear growth)",
      value: {
        quarter: quarter ? perMChar(quarter, quarter.info!.chars as number) : null,
        half: half ? perMChar(half, half.info!.chars as number) : null,
        full: perMChar(full, corpus.chars),
      },
    },
  };

  const machine = {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    availableParallelism: jobs,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    go: gover,
    corpus: corpus.generated ? "generated (12 copies of testdata/)" : corpus.root,
    loadAverageAtStart: loadStart.map((x) => round(x, 2)),
    loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)),
    goHazardCommit: gitCommit(),
    timeTool: haveTime ? TIME : null,
    parser: parserInfo.reader === "native" ? "native tree export" : `tree-sitter binding (native export ${parserInfo.reason})`,
  };
  const results = { machine, notes, targets, scenarios };
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, JSON.stringify(results, null, 2) + "\n");
  print(results);
  process.stderr.write(`bench: results written to ${path.relative(process.cwd(), options.out) || options.out}\n`);
}

function readPrevious(file: string): { machine: { date: string }; scenarios: Scenario[] } | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as { machine: { date: string }; scenarios: Scenario[] };
  } catch {
    return null;
  }
}

function gitCommit(): string | null {
  const r = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

function print(results: { machine: Record<string, unknown>; notes: string[]; targets: Record<string, { target: string; value: unknown }>; scenarios: Scenario[] }): void {
  const m = results.machine;
  const lines: string[] = [];
  lines.push(`go-hazard bench — ${m.date}`);
  lines.push(`machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.platform}, node ${m.node}, ${m.go ?? "no go"}`);
  lines.push(`parser: ${m.parser}`);
  lines.push(`load average: ${(m.loadAverageAtStart as number[]).join(" ")} at start, ${(m.loadAverageAtEnd as number[]).join(" ")} at end`);
  lines.push("");
  const rows = results.scenarios.map((s) => [
    s.title + (s.reusedFrom ? ` (from ${s.reusedFrom})` : ""),
    String(s.runs.length),
    s.median.wallS.toFixed(2),
    s.median.cpuS === null ? "-" : s.median.cpuS.toFixed(2),
    s.median.rssMiB === null ? "-" : String(s.median.rssMiB),
    s.runs.map((r) => r.wallS.toFixed(2)).join(" "),
  ]);
  const head = ["scenario", "runs", "wall s (median)", "cpu s", "peak RSS MiB", "wall s (each run)"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  lines.push(fmt(head));
  for (const r of rows) lines.push(fmt(r));
  lines.push("");
  for (const [k, t] of Object.entries(results.targets)) lines.push(`${k}: ${JSON.stringify(t.value)} (target ${t.target})`);
  for (const n of results.notes) lines.push(`note: ${n}`);
  process.stdout.write(lines.join("\n") + "\n");
}

await main();

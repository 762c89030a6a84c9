/**
 * Where one thread's time goes, stage by stage, over a tree (default: the Go
 * standard library). Every package is taken through the stages one after the
 * other on this thread, and the CPU time (process.cpuUsage: this thread plus
 * V8's GC helpers) of each stage is summed:
 *
 *   tree-sitter   parsing alone
 *   conversion    parseGo minus parsing: the GoNode trees
 *   ir            buildPackageIR
 *   analysis      the races analyzer, with lint's budget
 *   rules+eslint  analyzeOnePackage (everything, as a worker runs it) minus the above
 *
 *     node dist/bench/stages.js [dir] [--top N]
 */
import * as os from "node:os";
import { execFileSync } from "node:child_process";
import { loadPackages } from "../src/loader/index.js";
import { parseGo } from "../src/parse/parser.js";
import { parseTreeWithBinding } from "../src/parse/binding-reader.js";
import { buildPackageIR } from "../src/ir/index.js";
import { PackageDriver } from "../src/analysis/framework.js";
import { racesAnalyzer } from "../src/analysis/races.js";
import { analyzeOnePackage } from "../src/engine/analyze.js";
import { DEFAULT_ANALYSIS_OPTIONS } from "../src/analysis/framework.js";
import { turn } from "../src/engine/event-loop.js";
import { buildEngineConfig } from "../src/engine/index.js";
import { loadRuleSet } from "../src/engine/rule-set.js";
import { STANDARD_RULES_URL } from "../src/cli/standard-rules.js";

const standardRules = await loadRuleSet(STANDARD_RULES_URL);

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function defaultDir(): string {
  try {
    return `${execFileSync("go", ["env", "GOROOT"], { encoding: "utf8" }).trim()}/src`;
  } catch {
    return process.cwd();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const top = args.includes("--top") ? Number(args[args.indexOf("--top") + 1]) : 8;
  const dir = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--top") ?? defaultDir();
  const load = await loadPackages(["./..."], { cwd: dir, tests: true, generated: false, vendor: false, maxFileBytes: 5 * 1024 * 1024 });
  const config = buildEngineConfig({ ruleSet: standardRules });

  const total = { treeSitter: 0, parseGo: 0, ir: 0, analysis: 0, engine: 0 };
  const perPackage: Array<{ id: string; engine: number; analysis: number }> = [];
  let files = 0;
  let chars = 0;
  for (const pkg of load.packages) {
    files += pkg.files.length;
    for (const f of pkg.files) chars += f.text.length;
    total.treeSitter += cpuMs(() => {
      for (const f of pkg.files) parseTreeWithBinding(f.text);
    });
    await turn(); // free those trees, as the engine does, before the next stage parses again
    let parsed: ReturnType<typeof parseGo>[] = [];
    total.parseGo += cpuMs(() => {
      parsed = pkg.files.map((f) => parseGo(f.text));
    });
    let ir: ReturnType<typeof buildPackageIR> | undefined;
    total.ir += cpuMs(() => {
      ir = buildPackageIR(pkg, parsed);
    });
    const analysis = cpuMs(() => {
      try {
        new PackageDriver(ir!).result(racesAnalyzer);
      } catch {
        /* reported by the engine run */
      }
    });
    total.analysis += analysis;
    parsed = [];
    ir = undefined;
    await turn();
    const before = process.cpuUsage();
    await analyzeOnePackage(pkg, config);
    const used = process.cpuUsage(before);
    const engine = (used.user + used.system) / 1000;
    total.engine += engine;
    perPackage.push({ id: pkg.id, engine, analysis });
  }
  const conversion = total.parseGo - total.treeSitter;
  const rules = total.engine - total.parseGo - total.ir - total.analysis;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    `${load.packages.length} packages, ${files} files, ${(chars / 1e6).toFixed(1)} M chars; one thread; load ${os.loadavg()[0]!.toFixed(2)}`,
    `tree-sitter   ${s(total.treeSitter)}`,
    `conversion    ${s(conversion)}   (parseGo ${s(total.parseGo)})`,
    `ir            ${s(total.ir)}`,
    `analysis      ${s(total.analysis)}   (budget ${DEFAULT_ANALYSIS_OPTIONS.budget})`,
    `rules+eslint  ${s(rules)}`,
    `engine total  ${s(total.engine)}   (analyzeOnePackage: all of the above, as a worker runs it)`,
    `largest packages (engine / analysis):`,
    ...perPackage
      .sort((a, b) => b.engine - a.engine)
      .slice(0, top)
      .map((p) => `  ${p.id.padEnd(32)} ${s(p.engine)} / ${s(p.analysis)}`),
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

await main();

/**
 * The fuzz suite's oracle: one Go file, as a package of its own, through
 * everything a lint run does after loading (parse, IR, every analyzer, every
 * rule) and, for some cases, `go-hazard facts` (every analyzer's JSON). Bad
 * input may give findings, parse errors and warnings; what it must never give
 * is an internal error or an exception.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { analyzeOnePackage } from "../../src/engine/analyze.js";
import { resolveRuleSettings, type EngineConfig } from "../../src/engine/config.js";
import { loadRuleSet } from "../../src/engine/rule-set.js";
import { dumpFacts } from "../../src/engine/facts.js";
import { analyzers } from "../../src/analysis/registry.js";
import { goFileFromText } from "../../src/loader/index.js";
import type { GoPackage } from "../../src/loader/types.js";
import { STANDARD_RULES_URL } from "../../src/cli/standard-rules.js";
import { mutate, rng } from "./mutate.js";

export interface Failure {
  /** What went wrong: an internal-error notification's message, or the exception. */
  problem: string;
  ms: number;
}

let config: EngineConfig | undefined;

async function engineConfig(): Promise<EngineConfig> {
  if (!config) {
    const rules = await loadRuleSet(STANDARD_RULES_URL);
    config = { rulesUrl: STANDARD_RULES_URL, rules: resolveRuleSettings({}, rules) };
  }
  return config;
}

function onePackage(text: string): GoPackage {
  const file = goFileFromText("/fuzz/p/fuzz.go", "p/fuzz.go", text);
  return { id: "p", dir: "/fuzz/p", relDir: "p", name: file.packageName, module: null, files: [file], dirFiles: ["fuzz.go"], reportOnly: null };
}

/** Null when the file went through cleanly. */
export async function checkText(text: string, withFacts: boolean): Promise<Failure | null> {
  const start = performance.now();
  const pkg = onePackage(text);
  const problems: string[] = [];
  try {
    const result = await analyzeOnePackage(pkg, await engineConfig());
    for (const n of result.notifications) if (n.kind === "internal-error") problems.push(n.message);
    if (withFacts) {
      const facts = dumpFacts([pkg], analyzers);
      for (const n of facts.notifications) if (n.kind === "internal-error") problems.push(`facts: ${n.message}`);
      JSON.stringify(facts.packages);
    }
  } catch (err) {
    problems.push(`threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  const ms = performance.now() - start;
  return problems.length ? { problem: problems.join("\n"), ms } : null;
}

/** The Go files below `dirs`, sorted (the corpus order must not depend on the file system). */
export function corpusFiles(dirs: readonly string[]): string[] {
  const out: string[] = [];
  const stack = [...dirs];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile() && e.name.endsWith(".go")) out.push(p);
    }
  }
  return out.sort();
}

/** Case `index` of a seed: which corpus files, which mutations. Independent of every other case, so a run can resume after any of them. */
export function makeCase(corpus: readonly string[], seed: number, index: number): { text: string; base: string; applied: string[]; facts: boolean } {
  const r = rng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const base = corpus[Math.floor(r() * corpus.length)]!;
  const donor = corpus[Math.floor(r() * corpus.length)]!;
  const { text, applied } = mutate(r, fs.readFileSync(base, "utf8"), fs.readFileSync(donor, "utf8"));
  return { text, base, applied, facts: r() < 0.25 };
}

/**
 * `go-hazard facts` explains findings: every conflicting pair it lists on the
 * race fixtures is reported by lint at one of its two accesses, and on clean
 * fixtures it lists none (it once showed pairs that lint pruned afterwards, and
 * ran with another budget).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPackages, DEFAULT_MAX_FILE_BYTES } from "../src/loader/index.js";
import { dumpFacts } from "../src/engine/facts.js";
import { racesAnalyzer } from "../src/analysis/races.js";
import { runLint } from "../src/engine/index.js";
import { standardRules } from "./helpers/rule-set.js";
import { DEFAULT_ANALYSIS_OPTIONS } from "../src/analysis/framework.js";
import { CORES, heldTo } from "./harness/cores.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const RACE_RULES = new Set(["map-race", "map-range-race", "slice-race"]);

interface FactsConflict {
  a: string;
  b: string;
}

for (const rule of [...RACE_RULES].sort()) {
  for (const core of CORES) {
    test(`facts and lint agree on testdata/${rule} (${core})`, async () => {
      const cwd = path.join(repoRoot, "testdata", rule);
      const analysis = { ...DEFAULT_ANALYSIS_OPTIONS, core };
      const held = heldTo(cwd, core);
      const load = await loadPackages(["./..."], { cwd, tests: true, generated: false, vendor: false, maxFileBytes: DEFAULT_MAX_FILE_BYTES });
      const dump = dumpFacts(load.packages, [racesAnalyzer], analysis);
      assert.deepEqual(dump.notifications, []);
      const lint = await runLint({ ruleSet: standardRules, cwd, patterns: ["./..."], jobs: 1, analysis });
      const reported = new Set(lint.findings.filter((f) => RACE_RULES.has(f.ruleId)).map((f) => `${f.file}:${f.line}:${f.column}`));
      let clean = 0;
      for (const entry of dump.packages as Array<{ package: string; analyzers: { races: { conflicts: FactsConflict[] } } }>) {
        const conflicts = entry.analyzers.races.conflicts;
        if (!held(entry.package.split(" ")[0]!)) continue;
        if (path.basename(entry.package.split(" ")[0]!).startsWith("clean_")) {
          clean++;
          assert.deepEqual(conflicts, [], `${entry.package}: a clean fixture, yet facts list conflicts`);
          continue;
        }
        for (const c of conflicts) {
          const sides = [c.a, c.b].map((s) => s.split(" ")[0]!);
          assert.ok(sides.some((s) => reported.has(s)), `${entry.package}: facts list ${c.a} / ${c.b}, lint reports neither`);
        }
      }
      assert.ok(clean > 0, "the fixtures include clean packages");
      assert.ok(fs.existsSync(cwd));
    });
  }
}

/**
 * The fuzz suite's bounded run (issue 20): a fixed seed and number of
 * mutated files from what the repository ships, and every regression
 * fixture, through the whole analysis; none may give an internal error or
 * throw. `npm run fuzz -- --minutes 30` runs the same cases longer, with the
 * standard library too (bench/fuzz/run.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { checkText, corpusFiles, makeCase } from "../bench/fuzz/check.js";
import { parserInfo } from "../src/parse/parser.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const regressions = path.join(repoRoot, "test", "fuzz", "regressions");
const CASES = 500;
const SEED = 20;
// As in `npm run fuzz`: the budget's cut-off is tested without spending the suite on slow parses.
process.env.GO_HAZARD_PARSE_BUDGET_MS ??= "1000";

test("every fuzz regression fixture goes through the analysis cleanly", async () => {
  const files = fs.readdirSync(regressions).filter((f) => f.endsWith(".go"));
  assert.ok(files.length > 0);
  for (const f of files) {
    const failure = await checkText(fs.readFileSync(path.join(regressions, f), "utf8"), true);
    assert.equal(failure, null, `${f}: ${failure?.problem}`);
  }
});

// Mutated files include ones tree-sitter takes minutes over without the parse budget, which
// an addon built from older sources ignores (`npm install` rebuilds it).
const noBudget = parserInfo.reader === "native" && !parserInfo.parseBudget && `native tree export ${parserInfo.reason}`;

test(`${CASES} mutated files from testdata/ and examples/ (seed ${SEED}): no internal error, no exception`, { skip: noBudget }, async () => {
  const corpus = corpusFiles([path.join(repoRoot, "testdata"), path.join(repoRoot, "examples")]);
  assert.ok(corpus.length > 100);
  const failed: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const c = makeCase(corpus, SEED, i);
    const failure = await checkText(c.text, c.facts);
    if (failure) failed.push(`case ${i} (${path.relative(repoRoot, c.base)}; ${c.applied.join(", ")}): ${failure.problem.split("\n")[0]}`);
  }
  assert.deepEqual(failed, [], `reproduce with: npm run fuzz -- --shipped-only --seed ${SEED} --count ${CASES}`);
});

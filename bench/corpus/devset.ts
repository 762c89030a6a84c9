/**
 * `npm run devset -- --mirrors DIR`: go-hazard's recall on real map and slice
 * races. Every fix in docs/precision/race-fixes/*.json is checked against its
 * mirror, its packages linted at the parent and at the fix, and scored FOUND
 * / GONE (devset-score.ts). Exit 1 when a record disagrees with its mirror or
 * a fix could not be scored, so a broken dev set is never read as a recall.
 *
 * Not part of `npm test`: it needs the git mirrors (docs/precision/README.md).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readDevset, verifyCoverage } from "./devset-files.js";
import { printDevset } from "./devset-report.js";
import { scoreFix, type FixScore } from "./devset-score.js";
import { mirrorOf } from "./git.js";
import { DEFAULT_TOOL, toolIdentity } from "./lint.js";
import { parseOptions, pathOption, usageError, type OptionSpec } from "./options.js";
import { PRECISION_DIR } from "./pins.js";
import { DEFAULT_WORK } from "./tree.js";

const SPEC: OptionSpec = {
  values: ["mirrors", "work", "tool", "only", "json", "devset"],
  flags: [],
  usage:
    "usage: npm run devset -- --mirrors DIR [--work DIR] [--tool bin/go-hazard.js] [--only ID[,ID...]]\n" +
    "                          [--json OUT] [--devset DIR]\n",
};

function main(): number {
  const options = parseOptions(process.argv.slice(2), SPEC);
  const mirrors = pathOption(options, "mirrors", null, SPEC);
  const work = pathOption(options, "work", DEFAULT_WORK, SPEC);
  const tool = pathOption(options, "tool", DEFAULT_TOOL, SPEC);
  const dir = pathOption(options, "devset", path.join(PRECISION_DIR, "race-fixes"), SPEC);
  const only = options.values.get("only")?.split(",");

  const files = readDevset(dir);
  const fixes = files.flatMap((file) => file.fixes.map((fix) => ({ repo: file.repo, fix })));
  const chosen = fixes.filter(({ fix }) => only === undefined || only.includes(fix.id));
  if (chosen.length === 0) usageError(SPEC, only ? `--only ${only.join(",")}: no such fix` : `no fixes in ${dir}`);

  // A file that does not judge exactly its query's commits is not the dev set it claims to be.
  const coverage = files.flatMap((file) => verifyCoverage(mirrorOf(mirrors, file.repo), file));
  for (const problem of coverage) process.stderr.write(`devset: !!! ${problem}\n`);

  const scores: FixScore[] = [];
  for (const [i, { repo, fix }] of chosen.entries()) {
    process.stderr.write(`devset: ${i + 1}/${chosen.length} ${fix.id}\n`);
    scores.push(scoreFix({ mirror: mirrorOf(mirrors, repo), repo, tool, work }, fix));
  }

  const identity = toolIdentity(tool);
  printDevset(scores, identity, files.map((f) => `${f.repo} (${f.fixes.length} fixes of ${f.hits} hits)`), coverage);
  const json = options.values.get("json");
  if (json !== undefined) {
    fs.writeFileSync(path.resolve(json), JSON.stringify({ date: new Date().toISOString(), ...identity, coverage, scores }, null, 2) + "\n");
  }
  return coverage.length > 0 || scores.some((s) => s.error !== undefined || s.mismatches.length > 0) ? 1 : 0;
}

process.exitCode = main();

/**
 * `npm run corpus -- --mirrors DIR`: go-hazard's race-family findings on the
 * pinned real-code corpus, diffed against the triage file. Each repository's
 * `./...` is linted at its pin; every finding is matched to its verdict by
 * (repo, ruleId, fingerprint); what no verdict covers is untriaged (exit 1),
 * and verdicts no finding matches are stale. The result is the race-family
 * precision TP / (TP + FP) on real code.
 *
 * Not part of `npm test`: it needs the git mirrors (docs/precision/README.md).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { mirrorOf } from "./git.js";
import { budgetNotes, DEFAULT_TOOL, errorNotes, lint, raceFindings, toolIdentity } from "./lint.js";
import { parseOptions, pathOption, usageError, type OptionSpec } from "./options.js";
import { pinMatches, PRECISION_DIR, readPins } from "./pins.js";
import { printCorpus, type RepoResult } from "./corpus-report.js";
import { matchRepo, readTriage, untriagedEntries, writeTriage } from "./triage.js";
import { DEFAULT_WORK, extractTree, missingGoFiles } from "./tree.js";

const SPEC: OptionSpec = {
  values: ["mirrors", "work", "tool", "repo", "json", "triage"],
  flags: ["write-untriaged"],
  usage:
    "usage: npm run corpus -- --mirrors DIR [--work DIR] [--tool bin/go-hazard.js] [--repo NAME]\n" +
    "                          [--write-untriaged] [--json OUT] [--triage FILE]\n",
};

function main(): number {
  const options = parseOptions(process.argv.slice(2), SPEC);
  const mirrors = pathOption(options, "mirrors", null, SPEC);
  const work = pathOption(options, "work", DEFAULT_WORK, SPEC);
  const tool = pathOption(options, "tool", DEFAULT_TOOL, SPEC);
  const triageFile = pathOption(options, "triage", path.join(PRECISION_DIR, "corpus-triage.json"), SPEC);
  const only = options.values.get("repo");
  const pins = readPins().filter((p) => only === undefined || pinMatches(p, only));
  if (pins.length === 0) usageError(SPEC, `--repo ${only}: not in docs/precision/corpus.json`);

  const entries = readTriage(triageFile);
  const results: RepoResult[] = [];
  for (const pin of pins) {
    process.stderr.write(`corpus: ${pin.repo} @${pin.commit.slice(0, 12)} ...\n`);
    const tree = extractTree(mirrorOf(mirrors, pin.repo), pin.repo, pin.commit, work);
    const run = lint(tool, tree.dir, ["./..."], path.join(work, "reports", `${pin.repo.replace("/", "+")}@${pin.commit}.json`));
    const triage = matchRepo(pin.repo, raceFindings(run), entries);
    results.push({
      pin,
      seconds: run.seconds,
      allFindings: run.findings.length,
      matched: triage.matched,
      stale: triage.stale,
      budget: budgetNotes(run).map((n) => n.message),
      errors: errorNotes(run).map((n) => `${n.kind}: ${n.file ? `${n.file}: ` : ""}${n.message}`),
      missingGo: missingGoFiles(tree),
    });
  }

  const identity = toolIdentity(tool);
  printCorpus(results, identity);

  const untriaged = results.flatMap((r) => untriagedEntries(r.pin.repo, r.matched));
  if (options.flags.has("write-untriaged") && untriaged.length > 0) {
    writeTriage(triageFile, [...entries, ...untriaged]);
    process.stdout.write(`\nwrote ${untriaged.length} untriaged entries (verdict "?") to ${path.relative(process.cwd(), triageFile)}\n`);
  }
  const json = options.values.get("json");
  if (json !== undefined) {
    fs.writeFileSync(path.resolve(json), JSON.stringify({ date: new Date().toISOString(), ...identity, repos: results }, null, 2) + "\n");
  }
  const pending = results.some((r) => r.matched.some((m) => m.entry === undefined || m.entry.verdict === "?"));
  return pending ? 1 : 0;
}

process.exitCode = main();

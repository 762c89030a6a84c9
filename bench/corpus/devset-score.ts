/**
 * Scores one dev-set fix. The fix's packages are linted in the parent (the
 * racy code) and in the fix commit:
 *
 *   FOUND  some race-family finding in the parent has its primary location or
 *          one of its related locations on a racy (file, line);
 *   GONE   none of those findings' fingerprints is reported in the fix commit.
 *
 * FOUND is recall; GONE checks that the finding was about the race that got
 * fixed (a finding that survives the fix was on the right line by chance, or
 * the fix is incomplete as go-hazard sees it).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { normalDir, packagePattern, verifyFix, type Fix, type Mismatch } from "./devset-files.js";
import { budgetNotes, errorNotes, lint, raceFindings, type Finding, type LintRun } from "./lint.js";
import { extractTree, missingGoFiles, type Tree } from "./tree.js";

export interface MatchingFinding {
  ruleId: string;
  file: string;
  line: number;
  fingerprint: string;
  message: string;
  /** Where the finding touches a racy line: "primary" or "related". */
  via: "primary" | "related";
}

export interface FixScore {
  repo: string;
  fix: Fix;
  mismatches: Mismatch[];
  found: boolean;
  /** null when not found (nothing to be gone). */
  gone: boolean | null;
  matching: MatchingFinding[];
  /** Fingerprints of matching findings still reported in the fix commit. */
  survivors: string[];
  /** Why silence may prove little: budget, parse errors in racy files, files absent from the mirror. */
  notes: string[];
  seconds: number;
  error?: string;
}

export interface ScoreContext {
  mirror: string;
  repo: string;
  tool: string;
  work: string;
}

export function scoreFix(ctx: ScoreContext, fix: Fix): FixScore {
  const score: FixScore = { repo: ctx.repo, fix, mismatches: [], found: false, gone: null, matching: [], survivors: [], notes: [], seconds: 0 };
  try {
    score.mismatches = verifyFix(ctx.mirror, fix);
    const parentTree = extractTree(ctx.mirror, ctx.repo, fix.parent, ctx.work);
    const fixTree = extractTree(ctx.mirror, ctx.repo, fix.fix, ctx.work);

    const parentDirs = existingDirs(parentTree, fix.packages);
    if (parentDirs.length < fix.packages.length) score.notes.push(`packages not in the parent: ${fix.packages.filter((d) => !parentDirs.includes(d)).join(", ")}`);
    if (parentDirs.length === 0) throw new Error("none of the packages is in the parent");
    const parentRun = lintDirs(ctx, parentTree, parentDirs, `${fix.id}-parent`);
    score.seconds += parentRun.seconds;
    noteRun(score, "parent", parentRun, parentTree, fix);

    score.matching = matchingFindings(raceFindings(parentRun), fix);
    score.found = score.matching.length > 0;
    if (!score.found) return score;

    const fixDirs = existingDirs(fixTree, fix.packages);
    if (fixDirs.length === 0) {
      score.notes.push("the fix removes every package");
      score.gone = true;
      return score;
    }
    const fixRun = lintDirs(ctx, fixTree, fixDirs, `${fix.id}-fix`);
    score.seconds += fixRun.seconds;
    noteRun(score, "fix", fixRun, fixTree, fix);
    const after = new Set(fixRun.findings.map((f) => f.fingerprint));
    score.survivors = [...new Set(score.matching.map((m) => m.fingerprint))].filter((fp) => after.has(fp));
    score.gone = score.survivors.length === 0;
  } catch (err) {
    score.error = err instanceof Error ? err.message : String(err);
  }
  return score;
}

function existingDirs(tree: Tree, dirs: string[]): string[] {
  return dirs.filter((d) => fs.statSync(path.join(tree.dir, normalDir(d)), { throwIfNoEntry: false })?.isDirectory() === true);
}

function lintDirs(ctx: ScoreContext, tree: Tree, dirs: string[], name: string): LintRun {
  return lint(ctx.tool, tree.dir, dirs.map(packagePattern), path.join(ctx.work, "reports", "devset", `${name}.json`));
}

const key = (file: string, line: number): string => `${file}:${line}`;

function matchingFindings(findings: Finding[], fix: Fix): MatchingFinding[] {
  const racy = new Set(fix.racy.map((r) => key(r.file, r.line)));
  const out: MatchingFinding[] = [];
  for (const f of findings) {
    const via = racy.has(key(f.file, f.line)) ? "primary" : f.related.some((r) => racy.has(key(r.file, r.line))) ? "related" : null;
    if (via) out.push({ ruleId: f.ruleId, file: f.file, line: f.line, fingerprint: f.fingerprint, message: f.message, via });
  }
  return out;
}

/** Records what in a run could explain a silence. */
function noteRun(score: FixScore, which: string, run: LintRun, tree: Tree, fix: Fix): void {
  // "package server: analysis budget exhausted; ..." -> "parent: budget exhausted in server"
  for (const n of budgetNotes(run)) score.notes.push(`${which}: budget exhausted in ${/^package (\S+):/.exec(n.message)?.[1] ?? n.message}`);
  for (const n of errorNotes(run)) score.notes.push(`${which}: ${n.kind}: ${n.file ? `${n.file}: ` : ""}${n.message}`);
  const racyFiles = new Set(fix.racy.map((r) => r.file));
  const broken = new Set(run.findings.filter((f) => f.ruleId === "parse-error" && racyFiles.has(f.file)).map((f) => f.file));
  for (const file of broken) score.notes.push(`${which}: parse error in racy file ${file}`);
  const dirs = new Set(fix.packages.map(normalDir));
  for (const file of missingGoFiles(tree)) if (dirs.has(path.posix.dirname(file))) score.notes.push(`${which}: ${file} absent from the mirror`);
}

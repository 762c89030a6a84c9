/**
 * The corpus triage file (docs/precision/corpus-triage.json): one verdict per
 * race-family finding, keyed by (repo, ruleId, fingerprint) because the
 * fingerprint survives edits that move lines. file/line/function/object are
 * there for the reader and for --write-untriaged; they are not matched on.
 */
import * as fs from "node:fs";
import type { Finding } from "./lint.js";

/** "?" is a finding written out by --write-untriaged that nobody has judged yet. */
export type Verdict = "TP" | "FP" | "?";

export interface TriageEntry {
  repo: string;
  ruleId: string;
  file: string;
  line: number;
  function?: string;
  object?: string;
  fingerprint: string;
  verdict: Verdict;
  reason: string;
}

interface TriageFile {
  entries: TriageEntry[];
}

export function readTriage(file: string): TriageEntry[] {
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as TriageFile;
  for (const e of parsed.entries) {
    if (!["TP", "FP", "?"].includes(e.verdict)) throw new Error(`${file}: ${e.repo} ${e.fingerprint}: verdict must be TP, FP or ?, not ${e.verdict}`);
  }
  return parsed.entries;
}

export function writeTriage(file: string, entries: TriageEntry[]): void {
  const sorted = [...entries].sort((a, b) => cmp(a.repo, b.repo) || cmp(a.file, b.file) || a.line - b.line || cmp(a.fingerprint, b.fingerprint));
  fs.writeFileSync(file, JSON.stringify({ entries: sorted } satisfies TriageFile, null, 2) + "\n");
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function triageKey(repo: string, ruleId: string, fingerprint: string): string {
  return `${repo}\n${ruleId}\n${fingerprint}`;
}

export interface Matched {
  finding: Finding;
  /** Undefined when no entry has this finding's key. */
  entry?: TriageEntry;
}

export interface RepoTriage {
  matched: Matched[];
  /** Entries of this repo that no reported finding matches any more. */
  stale: TriageEntry[];
}

/**
 * Matches one repository's findings to the entries. Several findings can share
 * a fingerprint (two writes of one map in one function); one entry judges them
 * all, as a baseline would.
 */
export function matchRepo(repo: string, findings: Finding[], entries: TriageEntry[]): RepoTriage {
  const byKey = new Map<string, TriageEntry>();
  for (const e of entries) if (e.repo === repo) byKey.set(triageKey(e.repo, e.ruleId, e.fingerprint), e);
  const used = new Set<TriageEntry>();
  const matched = findings.map((finding) => {
    const entry = byKey.get(triageKey(repo, finding.ruleId, finding.fingerprint));
    if (entry) used.add(entry);
    return entry ? { finding, entry } : { finding };
  });
  const stale = [...byKey.values()].filter((e) => !used.has(e));
  return { matched, stale };
}

/** Entries for findings nobody has judged, one per key, for --write-untriaged. */
export function untriagedEntries(repo: string, matched: Matched[]): TriageEntry[] {
  const seen = new Set<string>();
  const out: TriageEntry[] = [];
  for (const { finding: f, entry } of matched) {
    const key = triageKey(repo, f.ruleId, f.fingerprint);
    if (entry || seen.has(key)) continue;
    seen.add(key);
    out.push({
      repo,
      ruleId: f.ruleId,
      file: f.file,
      line: f.line,
      ...(f.function !== undefined ? { function: f.function } : {}),
      ...(f.object !== undefined ? { object: f.object } : {}),
      fingerprint: f.fingerprint,
      verdict: "?",
      reason: "",
    });
  }
  return out;
}

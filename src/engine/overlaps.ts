/**
 * One finding per hazard per line. `inconsistent-field-lock` says "this access
 * skips the lock that guards the field elsewhere"; when a race rule reports
 * the same access (same line, same field), that is the same hazard with a
 * stronger proof: the conflicting access is known. Two findings with
 * overlapping advice on one line read as two bugs, so the race finding stays
 * and the field-lock finding's first sentence joins it as a related location
 * (its evidence, which lock is usual, is worth keeping).
 *
 * Only the CLI merges: under ESLint each rule reports on its own, as ESLint
 * users expect from rule ids they can turn off one by one.
 */
import type { Finding } from "../report/finding.js";

const FIELD_LOCK = "inconsistent-field-lock";
const RACES = new Set(["map-race", "map-range-race", "slice-race"]);

/** `TTLCache.items`, `c.items`, `*c.m[k]` → `items`, `m`: the field the object ends in. */
function fieldOf(object: string | undefined): string | undefined {
  if (object === undefined) return undefined;
  const m = /\.([\p{L}_][\p{L}\p{Nd}_]*)(?:\[[^\]]*\])*\)?$/u.exec(object);
  return m ? m[1] : undefined;
}

function firstSentence(message: string): string {
  const plain = message.replace(/\[((?:\\.|[^\]\\])*)\]\(\d+\)/g, "$1");
  const m = /^(.*?[.!?])(\s|$)/.exec(plain);
  return (m ? m[1]! : plain).replace(/[.!?]$/, "");
}

export function mergeOverlaps(findings: readonly Finding[]): Finding[] {
  const races = new Map<string, Finding[]>();
  for (const f of findings) {
    const field = RACES.has(f.ruleId) ? fieldOf(f.object) : undefined;
    if (field === undefined) continue;
    const key = `${f.file}\u0000${f.line}\u0000${field}`;
    const list = races.get(key);
    if (list) list.push(f);
    else races.set(key, [f]);
  }
  if (races.size === 0) return [...findings];
  const extra = new Map<Finding, Finding["related"]>();
  const out: Finding[] = [];
  for (const f of findings) {
    const field = f.ruleId === FIELD_LOCK ? fieldOf(f.object) : undefined;
    const race = field === undefined ? undefined : races.get(`${f.file}\u0000${f.line}\u0000${field}`)?.[0];
    if (race === undefined) {
      out.push(f);
      continue;
    }
    const added = extra.get(race) ?? [];
    let nextId = Math.max(0, ...race.related.map((r) => r.id), ...added.map((r) => r.id)) + 1;
    added.push({ id: nextId++, message: `${firstSentence(f.message)} (${FIELD_LOCK})`, file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn });
    // And its evidence: the accesses that do hold the lock (those the race names already stay once).
    const at = (r: { file: string; line: number; column: number }) => `${r.file}:${r.line}:${r.column}`;
    const have = new Set([...race.related, ...added].map(at));
    for (const r of f.related) {
      if (have.has(at(r))) continue;
      have.add(at(r));
      added.push({ ...r, id: nextId++, message: `${r.message} (${FIELD_LOCK})` });
    }
    extra.set(race, added);
  }
  return out.map((f) => {
    const added = extra.get(f);
    return added ? { ...f, related: [...f.related, ...added] } : f;
  });
}

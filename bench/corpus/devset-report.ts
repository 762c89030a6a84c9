/**
 * The dev-set run's report: one row per fix, then recall (found %) and
 * found-and-gone %, overall, by kind, by scope and by repository, and the
 * fixes go-hazard stays silent on. Record mismatches are printed first and
 * loudly: a wrong racy line makes its fix's score meaningless.
 */
import type { FixScore } from "./devset-score.js";

function pct(n: number, d: number): string {
  return d === 0 ? "-" : `${n}/${d} (${Math.round((100 * n) / d)} %)`;
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
}

const WIDTHS = [22, 5, 5, 5, 5, 28];

function fixRow(s: FixScore): string {
  const rules = [...new Set(s.matching.map((m) => `${m.ruleId}${m.via === "related" ? " (rel)" : ""}`))].join(", ");
  const notes = [...(s.error ? [`ERROR: ${s.error}`] : []), ...(s.mismatches.length > 0 ? ["RECORD MISMATCH"] : []), ...s.notes];
  return row(
    [s.fix.id, s.fix.kind, s.fix.scope, s.error ? "err" : s.found ? "yes" : "no", s.gone === null ? "-" : s.gone ? "yes" : "NO", rules || "-", notes.join("; ")],
    WIDTHS,
  );
}

function groupLine(label: string, scores: FixScore[]): string {
  const found = scores.filter((s) => s.found).length;
  const gone = scores.filter((s) => s.found && s.gone).length;
  return row([label, `found ${pct(found, scores.length)}`, `found and gone ${pct(gone, scores.length)}`], [22, 24, 30]);
}

/** The parent's lint ran out of analysis budget in one of the fix's packages. */
function parentBudget(s: FixScore): boolean {
  return s.notes.some((n) => n.startsWith("parent: budget exhausted"));
}

function groups(scores: FixScore[], by: (s: FixScore) => string): Map<string, FixScore[]> {
  const out = new Map<string, FixScore[]>();
  for (const s of scores) out.set(by(s), [...(out.get(by(s)) ?? []), s]);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function printDevset(
  scores: FixScore[],
  tool: { tool: string; commit: string | null; dirty: boolean },
  files: string[],
  coverage: string[],
): void {
  const lines: string[] = [
    `go-hazard ${tool.commit ?? "(unknown commit)"}${tool.dirty ? " (with local changes)" : ""}, ${tool.tool}`,
    `dev set: ${files.join(", ")}`,
    "",
  ];
  if (coverage.length > 0) lines.push(`!!! ${coverage.length} COVERAGE PROBLEM(S): a file does not judge exactly its query's commits`, ...coverage.map((c) => `!!!   ${c}`), "");
  const mismatches = scores.flatMap((s) => s.mismatches);
  if (mismatches.length > 0) {
    lines.push(`!!! ${mismatches.length} RECORD MISMATCH(ES): the dev set disagrees with the mirror`, ...mismatches.map((m) => `!!!   ${m.id}: ${m.problem}`), "");
  }

  for (const [repo, rs] of groups(scores, (s) => s.repo)) {
    lines.push(repo, "  " + row(["id", "kind", "scope", "found", "gone", "rule", "notes"], WIDTHS));
    for (const s of rs) lines.push("  " + fixRow(s));
    lines.push("");
  }

  const scored = scores.filter((s) => s.error === undefined);
  lines.push(`Totals: ${scores.length} fixes${scored.length < scores.length ? `, ${scores.length - scored.length} not scored (errors)` : ""}`);
  lines.push(groupLine("all", scored));
  for (const [kind, rs] of groups(scored, (s) => s.fix.kind)) lines.push(groupLine(`kind ${kind}`, rs));
  for (const [scope, rs] of groups(scored, (s) => s.fix.scope)) lines.push(groupLine(`scope ${scope}`, rs));
  for (const [repo, rs] of groups(scored, (s) => s.repo)) lines.push(groupLine(repo, rs));

  const withinBudget = scored.filter((s) => !parentBudget(s));
  lines.push(groupLine("parent within budget", withinBudget));
  const budgetSilent = scored.filter((s) => !s.found && parentBudget(s));
  lines.push("", `not found (${scored.filter((s) => !s.found).length}; ${budgetSilent.length} with the analysis budget exhausted in the parent):`);
  for (const s of scored.filter((s) => !s.found)) {
    lines.push(`  ${s.fix.id} ${s.fix.kind}/${s.fix.scope}: ${s.fix.subject}${s.notes.length > 0 ? `  [${s.notes.join("; ")}]` : ""}`);
  }
  const kept = scored.filter((s) => s.found && s.gone === false);
  if (kept.length > 0) {
    lines.push("", `found but not gone (${kept.length}):`);
    for (const s of kept) {
      const still = s.matching.filter((m) => s.survivors.includes(m.fingerprint)).map((m) => `${m.ruleId} ${m.file}:${m.line}`);
      lines.push(`  ${s.fix.id}: still reported after the fix: ${[...new Set(still)].join(", ")}`);
    }
  }
  process.stdout.write(lines.join("\n") + "\n");
}

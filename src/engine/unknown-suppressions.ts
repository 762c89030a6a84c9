/**
 * Suppression comments that meant go-hazard but name it wrongly:
 * `//nolint:gohazard`, `//nolint:go-hazard/map-rase`, `//lint:ignore
 * go_hazard/map-race`. They suppress nothing, silently, so a finding the
 * author thought was handled is reported and the comment is trusted anyway.
 * Reported as `unused-suppression` findings (with --report-unused-suppressions).
 *
 * Comments are found by a line scan rather than the parse tree: this runs in
 * the main thread over every reported file, where the trees are gone. A `//`
 * inside a string literal is recognised by counting quotes before it, which
 * is enough for the one-line forms these directives take.
 */
import type { Finding, Severity } from "../report/finding.js";
import { UNUSED_SUPPRESSION_RULE } from "./config.js";
import { fingerprint } from "./convert.js";

const DIRECTIVE = /\/\/(nolint:([^\s]+)|lint:(?:ignore|file-ignore)[ \t]+(\S+))/g;
const TOOL = "go-hazard";

/** Levenshtein distance, for "did you mean". Names are short. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** A linter name that is not go-hazard's but looks like a misspelling of it. */
function looksLikeTool(name: string): boolean {
  if (name === TOOL) return false;
  return name.replace(/[-_]/g, "") === "gohazard" || distance(name, TOOL) <= 2;
}

function closestRule(id: string, ruleIds: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const r of [...ruleIds].sort()) {
    const d = distance(id, r);
    if (d < bestD) {
      best = r;
      bestD = d;
    }
  }
  return best;
}

/** Is offset `i` of `line` inside a string or rune literal (an odd number of quotes before it)? */
function inLiteral(line: string, i: number): boolean {
  let dq = 0;
  let bq = 0;
  for (let k = 0; k < i; k++) {
    const c = line[k];
    if (c === "\\" && dq % 2 === 1) k++;
    else if (c === '"' && bq % 2 === 0) dq++;
    else if (c === "`" && dq % 2 === 0) bq++;
  }
  return dq % 2 === 1 || bq % 2 === 1;
}

/** What is wrong with one name of a directive, or undefined when it is fine or not ours. */
function problemWith(raw: string, ruleIds: ReadonlySet<string>): string | undefined {
  const name = raw.toLowerCase();
  const slash = name.indexOf("/");
  const tool = slash < 0 ? name : name.slice(0, slash);
  const rule = slash < 0 ? undefined : name.slice(slash + 1);
  if (tool === TOOL) {
    if (rule === undefined || rule === "" || ruleIds.has(rule)) return undefined;
    const near = closestRule(rule, ruleIds);
    return `names no go-hazard rule "${rule}"${near ? ` (did you mean go-hazard/${near}?)` : ""}`;
  }
  if (!looksLikeTool(tool)) return undefined;
  const fixed = rule === undefined ? TOOL : `${TOOL}/${ruleIds.has(rule) ? rule : (closestRule(rule, ruleIds) ?? rule)}`;
  return `names "${raw}", which is not go-hazard (did you mean ${fixed}?)`;
}

export function unknownSuppressionNames(
  files: readonly { relPath: string; text: string }[],
  severity: Severity,
  ruleIds: ReadonlySet<string>,
): Finding[] {
  const findings: Finding[] = [];
  for (const f of files) {
    const lines = f.text.split("\n");
    lines.forEach((line, i) => {
      for (const m of line.matchAll(DIRECTIVE)) {
        if (inLiteral(line, m.index)) continue;
        const names = (m[2] ?? m[3] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
        const problems = names.map((n) => problemWith(n, ruleIds)).filter((p) => p !== undefined);
        if (problems.length === 0) continue;
        const head = `//${m[1]}`;
        const message = `${head} ${problems.join("; ")}, so it suppresses nothing.`;
        findings.push({
          ruleId: UNUSED_SUPPRESSION_RULE.id,
          severity,
          message,
          file: f.relPath,
          line: i + 1,
          column: m.index + 1,
          endLine: i + 1,
          endColumn: m.index + 1 + m[0].length,
          related: [],
          flows: [],
          fingerprint: fingerprint({ ruleId: UNUSED_SUPPRESSION_RULE.id, file: f.relPath, message }),
        });
      }
    });
  }
  return findings;
}

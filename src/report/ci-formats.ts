/**
 * Formats other CI systems read: `checkstyle` (Jenkins' Warnings plugin,
 * reviewdog, many IDEs), `junit` (test reports: GitLab, Jenkins, Azure
 * Pipelines, CircleCI) and `gitlab` (GitLab Code Quality, the Code Climate
 * issue format). Each is a plain rendering of the findings: messages without
 * link markup, related locations as text, one entry per finding.
 */
import { createHash } from "node:crypto";
import * as path from "node:path";
import type { Finding, Severity } from "./finding.js";
import type { ReportInput } from "./report-input.js";
import { replaceMessageLinks } from "./source.js";
import { splitFirstSentence } from "./text.js";

/** The message as plain text: `[m is created here](1)` → `m is created here`. */
export function plainMessage(f: Finding): string {
  return replaceMessageLinks(f.message, f.related, (text) => text);
}

function related(f: Finding): string[] {
  return f.related.map((r) => `${r.file}:${r.line}:${r.column}: ${r.message}`);
}

/** XML 1.0 attribute/text escaping; characters XML 1.0 forbids are dropped. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const attr = (s: string | number): string => `"${xmlEscape(String(s))}"`;

const CHECKSTYLE_SEVERITY: Record<Severity, string> = { error: "error", warning: "warning", note: "info" };

/** Checkstyle XML: findings grouped by file (in report order), `source` = `go-hazard.<rule>`. */
export function formatCheckstyle(input: ReportInput): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of input.findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const [file, findings] of byFile) {
    out.push(`  <file name=${attr(file)}>`);
    for (const f of findings) {
      out.push(
        `    <error line=${attr(f.line)} column=${attr(f.column)} severity=${attr(CHECKSTYLE_SEVERITY[f.severity])} message=${attr(plainMessage(f))} source=${attr(`go-hazard.${f.ruleId}`)}/>`,
      );
    }
    out.push("  </file>");
  }
  out.push("</checkstyle>");
  return out.join("\n") + "\n";
}

/**
 * JUnit XML: one test case per finding, failed. With no findings, one passing
 * case, so that the CI's test view shows that go-hazard ran and found nothing.
 */
export function formatJunit(input: ReportInput): string {
  const cases: string[] = [];
  for (const f of input.findings) {
    const where = `${f.file}:${f.line}:${f.column}`;
    const body = [`${where}: ${f.severity}: ${plainMessage(f)}`, ...related(f).map((r) => `  ${r}`)].join("\n");
    cases.push(
      `    <testcase name=${attr(`${f.ruleId} ${where}`)} classname=${attr(f.file)} file=${attr(f.file)} line=${attr(f.line)}>`,
      `      <failure message=${attr(splitFirstSentence(plainMessage(f))[0])} type=${attr(f.ruleId)}>${xmlEscape(body)}</failure>`,
      "    </testcase>",
    );
  }
  if (input.findings.length === 0) cases.push('    <testcase name="go-hazard" classname="go-hazard"/>');
  const n = Math.max(input.findings.length, 1);
  const failures = input.findings.length;
  const errors = input.executionSuccessful ? 0 : 1;
  return (
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="go-hazard" tests=${attr(n)} failures=${attr(failures)} errors=${attr(errors)}>`,
      `  <testsuite name="go-hazard" tests=${attr(n)} failures=${attr(failures)} errors=${attr(errors)} skipped="0">`,
      ...cases,
      "  </testsuite>",
      "</testsuites>",
    ].join("\n") + "\n"
  );
}

const GITLAB_SEVERITY: Record<Severity, string> = { error: "critical", warning: "major", note: "minor" };

/**
 * GitLab Code Quality (Code Climate issues, as a JSON array). GitLab matches
 * `location.path` against the repository, so paths are made relative to the
 * repository root the CLI found (as for SARIF); `fingerprint` must be unique
 * per issue, so a repeated go-hazard fingerprint gets its occurrence number.
 */
export function formatGitlab(input: ReportInput): string {
  const prefix = input.sarifRoot?.runRootPrefix ?? "";
  const seen = new Map<string, number>();
  const issues = input.findings.map((f) => {
    const n = seen.get(f.fingerprint) ?? 0;
    seen.set(f.fingerprint, n + 1);
    const fingerprint = createHash("sha256").update(`${f.fingerprint}\u0000${n}`).digest("hex").slice(0, 32);
    // GitLab lists the description on one line in the merge request widget:
    // the first sentence there, the explanation and related locations in the body.
    const [title, rest] = splitFirstSentence(plainMessage(f));
    const body = [...(rest !== "" ? [rest] : []), ...related(f)];
    return {
      type: "issue",
      check_name: `go-hazard/${f.ruleId}`,
      description: title,
      ...(body.length > 0 ? { content: { body: body.join("\n") } } : {}),
      categories: ["Bug Risk"],
      severity: GITLAB_SEVERITY[f.severity],
      fingerprint,
      location: {
        path: prefix === "" ? f.file : path.posix.normalize(`${prefix}/${f.file}`),
        lines: { begin: f.line, end: Math.max(f.endLine, f.line) },
      },
    };
  });
  return JSON.stringify(issues, null, 2) + "\n";
}

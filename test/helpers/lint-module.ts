/**
 * Lints a throwaway Go module with one rule through the whole engine (loader,
 * go.mod, suppressions, evidence): for what the in-memory RuleTester can't
 * see. Temp dirs go with the cli helpers' cleanup.
 */
import assert from "node:assert/strict";
import { after } from "node:test";
import { runLint } from "../../src/engine/index.js";
import type { Finding, Severity } from "../../src/report/finding.js";
import { cleanupTemp, tempDir, writeTree } from "./cli.js";
import { standardRules } from "./rule-set.js";

after(cleanupTemp);

export interface ModuleOptions {
  /** go.mod's `go` line; null for a go.mod without one (default 1.22). */
  goVersion?: string | null;
  /** The rule's severity for this run (default: warning). */
  severity?: Severity;
}

/** The rule's findings on a module made of `files` (file name → text). */
export async function lintModule(rule: string, files: Record<string, string>, options: ModuleOptions = {}): Promise<Finding[]> {
  const root = tempDir("go-hazard-rule-");
  const goVersion = options.goVersion === undefined ? "1.22" : options.goVersion;
  writeTree(root, { "go.mod": `module example.com/p\n${goVersion === null ? "" : `\ngo ${goVersion}\n`}`, ...files });
  const result = await runLint({ ruleSet: standardRules, cwd: root, patterns: ["./..."], jobs: 1, tests: true, rules: { [rule]: options.severity ?? "warning" } });
  assert.deepEqual(result.notifications.filter((n) => n.kind === "internal-error"), []);
  return result.findings.filter((f) => f.ruleId === rule);
}

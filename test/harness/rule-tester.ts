/**
 * A RuleTester for go-hazard rules (after ESLint's and typescript-eslint's):
 * each case is an in-memory package (one or more files), linted with the
 * rule alone through ESLint's Linter and the go-hazard language, with the
 * analyzers the rule requires run by a driver of its own. Valid cases must
 * give no report; invalid cases exactly the listed ones, in order of line.
 * The rule need not be registered anywhere.
 *
 *     ruleTester(mapRace, {
 *       valid: [{ name: "locked", code: `package p ...` }],
 *       invalid: [{ name: "two goroutines", code: `...`, errors: [{ line: 12, message: /written here/ }] }],
 *     });
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Linter } from "eslint";
import { PackageDriver, type AnalyzerFailed } from "../../src/analysis/framework.js";
import { buildPackageIR } from "../../src/ir/index.js";
import type { GoFile, GoPackage } from "../../src/loader/types.js";
import { goFileFromText } from "../../src/loader/index.js";
import { parseGo } from "../../src/parse/parser.js";
import { createGoLanguage } from "../../src/eslint/language.js";
import { GoSourceCode } from "../../src/eslint/source-code.js";
import { createEvidenceSink, createServices } from "../../src/eslint/services.js";
import type { GoRule } from "../../src/eslint/rule.js";

export interface RuleCase {
  name: string;
  /** One file (`a.go`), or file name → text. */
  code: string | Record<string, string>;
  /** The module's Go version (default 1.22). */
  goVersion?: string;
  /** Rule options, as in `[severity, ...options]`. */
  options?: unknown[];
}

export interface ExpectedReport {
  line: number;
  /** File name (default: the only file, or `a.go`). */
  file?: string;
  messageId?: string;
  message?: RegExp;
}

export interface InvalidCase extends RuleCase {
  errors: ExpectedReport[];
}

export interface Report {
  file: string;
  line: number;
  column: number;
  messageId?: string;
  message: string;
}

/** A package of in-memory files, sorted by name as the loader sorts them. */
export function memoryPackage(code: string | Record<string, string>, goVersion = "1.22"): GoPackage {
  const files = typeof code === "string" ? { "a.go": code } : code;
  const names = Object.keys(files).sort();
  const goFiles: GoFile[] = names.map((n) => goFileFromText(`/virtual/p/${n}`, n, files[n]!));
  return {
    id: ".",
    dir: "/virtual/p",
    relDir: ".",
    name: goFiles[0]?.packageName ?? "p",
    module: { dir: "/virtual", path: "example.com/p", goVersion },
    files: goFiles,
    dirFiles: names,
    reportOnly: null,
  };
}

/** Lints an in-memory package with one rule; returns its reports and the analyzers that failed. */
export function lintWithRule(rule: GoRule, c: RuleCase): { reports: Report[]; failures: AnalyzerFailed[] } {
  const pkg = memoryPackage(c.code, c.goVersion);
  const parsed = pkg.files.map((f) => parseGo(f.text));
  const failures: AnalyzerFailed[] = [];
  const driver = new PackageDriver(buildPackageIR(pkg, parsed), { onError: (f) => failures.push(f) });
  const linter = new Linter({ cwd: "/", configType: "flat" });
  const config = [
    {
      files: ["**/*.go"],
      // Rules declare the language as go-hazard/go: the plugin must be called go-hazard.
      plugins: { "go-hazard": { languages: { go: createGoLanguage(new Set([ruleName(rule)])) }, rules: { [ruleName(rule)]: rule } } },
      language: "go-hazard/go",
      rules: { [`go-hazard/${ruleName(rule)}`]: ["error", ...(c.options ?? [])] },
    },
  ] as unknown as Linter.Config[];
  const reports: Report[] = [];
  driver.ir.files.forEach((fileIR, i) => {
    const sourceCode = new GoSourceCode({ text: pkg.files[i]!.text, parsed: parsed[i]!, services: createServices(driver, fileIR, createEvidenceSink()), knownRules: new Set([ruleName(rule)]) });
    for (const m of linter.verify(sourceCode as never, config, pkg.files[i]!.path)) {
      if (m.fatal) throw new Error(`${pkg.files[i]!.relPath}: ${m.message}`);
      reports.push({ file: pkg.files[i]!.relPath, line: m.line, column: m.column, ...(m.messageId ? { messageId: m.messageId } : {}), message: m.message });
    }
  });
  reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return { reports, failures };
}

function ruleName(rule: GoRule): string {
  return rule.name ?? "rule-under-test";
}

function show(reports: Report[]): string {
  return reports.map((r) => `  ${r.file}:${r.line}:${r.column} ${r.messageId ?? ""} ${r.message}`).join("\n") || "  (none)";
}

/** One node:test test per case. */
export function ruleTester(rule: GoRule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  const id = rule.name ?? "rule";
  for (const c of cases.valid) {
    test(`${id} valid: ${c.name}`, () => {
      const { reports, failures } = lintWithRule(rule, c);
      assert.deepEqual(failures, [], "no analyzer fails");
      assert.equal(reports.length, 0, `expected no report, got:\n${show(reports)}`);
    });
  }
  for (const c of cases.invalid) {
    test(`${id} invalid: ${c.name}`, () => {
      const { reports, failures } = lintWithRule(rule, c);
      assert.deepEqual(failures, [], "no analyzer fails");
      const defaultFile = typeof c.code === "string" ? "a.go" : Object.keys(c.code).sort()[0]!;
      const expected = [...c.errors].sort((a, b) => ((a.file ?? defaultFile) < (b.file ?? defaultFile) ? -1 : (a.file ?? defaultFile) > (b.file ?? defaultFile) ? 1 : a.line - b.line));
      assert.equal(reports.length, expected.length, `expected ${expected.length} report(s), got:\n${show(reports)}`);
      expected.forEach((e, i) => {
        const r = reports[i]!;
        assert.equal(`${r.file}:${r.line}`, `${e.file ?? defaultFile}:${e.line}`, `report ${i + 1}:\n${show(reports)}`);
        if (e.messageId) assert.equal(r.messageId, e.messageId);
        if (e.message) assert.match(r.message, e.message);
      });
    });
  }
}

/**
 * The eslint.config.js files of docs/eslint.md, verbatim, in a project where
 * `go-hazard` resolves like an installed package (node_modules/go-hazard →
 * this repository), run with ESLint's `ESLint` class on rule fixtures: the
 * same findings as the CLI, cross-file races included, overrides applied.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ESLint } from "eslint";
import { cli, cleanupTemp, json, repoRoot, tempDir } from "./helpers/cli.js";
import { rules } from "../rules/index.js";

after(cleanupTemp);

/** The ```js blocks of docs/eslint.md that are a whole eslint.config.js. */
function documentedConfigs(): string[] {
  const md = fs.readFileSync(path.join(repoRoot, "docs", "eslint.md"), "utf8");
  return [...md.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((code) => code.startsWith("// eslint.config.js\n"));
}

/** A project with go-hazard "installed" and the given config, plus Go fixture directories copied in. */
function project(config: string, fixtures: Record<string, string>): string {
  const root = tempDir("go-hazard-eslint-int-");
  fs.writeFileSync(path.join(root, "package.json"), '{"type":"module","private":true}\n');
  fs.writeFileSync(path.join(root, "eslint.config.js"), config);
  fs.mkdirSync(path.join(root, "node_modules"));
  fs.symlinkSync(repoRoot, path.join(root, "node_modules", "go-hazard"), "dir");
  fs.writeFileSync(path.join(root, "go.mod"), "module example.com/fixtures\n\ngo 1.22\n");
  for (const [dest, src] of Object.entries(fixtures)) fs.cpSync(src, path.join(root, dest), { recursive: true });
  return root;
}

const fixture = (rule: string, name: string): string => path.join(repoRoot, "testdata", rule, name);

function byRule(results: ESLint.LintResult[], root: string): string[] {
  return results
    .flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId ?? `fatal: ${m.message}`}`))
    .sort();
}

test("docs/eslint.md has the two configs this test runs", () => {
  const configs = documentedConfigs();
  assert.equal(configs.length, 2, "a minimal config and one with overrides");
  for (const c of configs) assert.match(c, /^import goHazard from "go-hazard";$/m);
});

test("the documented minimal config: map-race in testdata/map-race/closure_loop, cross-file race, same findings as the CLI", { skip: !rules["map-race"] && "no map-race rule" }, async () => {
  const [minimal] = documentedConfigs();
  const root = project(minimal!, {
    closure_loop: fixture("map-race", "closure_loop"),
    cross_file: fixture("map-race", "cross_file"),
  });
  const eslint = new ESLint({ cwd: root });
  const results = await eslint.lintFiles(["closure_loop/*.go", "cross_file/*.go"]);
  for (const r of results) assert.equal(r.fatalErrorCount, 0, JSON.stringify(r.messages));
  const got = byRule(results, root);
  assert.ok(got.some((m) => /^closure_loop\/.*go-hazard\/map-race$/.test(m)), got.join("\n"));
  assert.ok(got.some((m) => /^cross_file\/.*go-hazard\/map-race$/.test(m)), got.join("\n"));

  // One file alone: the race whose goroutine starts in the sibling file is still found.
  const [alone] = await eslint.lintFiles(["cross_file/dedup.go"]);
  assert.ok(alone!.messages.some((m) => m.ruleId === "go-hazard/map-race"), JSON.stringify(alone!.messages));

  // The CLI on the same tree reports the same rule hits at the same places.
  const r = cli(["lint", "-f", "json", "./..."], { cwd: root });
  const fromCli = json(r)
    .findings.filter((f) => f.ruleId !== "parse-error")
    .map((f) => `${f.file}:${f.line}:${f.column} go-hazard/${f.ruleId}`)
    .sort();
  assert.deepEqual(got, fromCli);
});

test("the documented config with overrides: a rule turned off, another downgraded, testdata ignored", async () => {
  const [, overrides] = documentedConfigs();
  const root = project(overrides!, {
    "range/racy": fixture("map-range-race", fs.readdirSync(path.join(repoRoot, "testdata", "map-range-race")).find((d) => !d.startsWith("clean") && !d.endsWith(".mod"))!),
    "testdata/closure_loop": fixture("map-race", "closure_loop"),
  });
  const eslint = new ESLint({ cwd: root });
  const results = await eslint.lintFiles(["."]);
  const messages = results.flatMap((r) => r.messages.map((m) => ({ file: path.relative(root, r.filePath), ...m })));
  assert.ok(!messages.some((m) => m.file.startsWith("testdata/")), "ignores: testdata");
  const range = messages.filter((m) => m.ruleId === "go-hazard/map-range-race");
  if (rules["map-range-race"]) {
    assert.ok(range.length > 0, JSON.stringify(messages));
    assert.ok(range.every((m) => m.severity === 1), "map-range-race downgraded to warn");
  }
  assert.ok(!messages.some((m) => m.ruleId === "go-hazard/unbounded-map-growth"));
  // Suppressions behave as in the CLI.
  if (range.length > 0) {
    const first = range[0]!;
    const target = path.join(root, first.file);
    const lines = fs.readFileSync(target, "utf8").split("\n");
    // (The fixture's own `// want` comment goes first: a directive must start its comment.)
    lines[first.line - 1] = `${lines[first.line - 1]!.replace(/\s*\/\/ want .*$/, "")} //nolint:go-hazard/map-range-race`;
    const [again] = await eslint.lintText(lines.join("\n"), { filePath: target });
    assert.ok(!again!.messages.some((m) => m.ruleId === "go-hazard/map-range-race" && m.line === first.line), JSON.stringify(again!.messages));
  }
});

/**
 * The plugin as a plain ESLint plugin: the `ESLint` class with an
 * eslint.config.js, selectors over the Go tree, and `Linter.verify` with a
 * pre-built SourceCode (what the engine does).
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ESLint, Linter } from "eslint";
import plugin from "../src/eslint/plugin.js";
import { goLanguage } from "../src/eslint/plugin.js";
import { GoSourceCode } from "../src/eslint/source-code.js";
import { createEvidenceSink, createServices } from "../src/eslint/services.js";
import { PackageDriver } from "../src/analysis/framework.js";
import { racesAnalyzer } from "../src/analysis/races.js";
import { parseGo } from "../src/parse/parser.js";
import { buildPackageIR } from "../src/ir/index.js";
import type { GoPackage } from "../src/loader/types.js";
import { goFileFromText } from "../src/loader/index.js";
import type { GoNode } from "../src/parse/node.js";
import { rules } from "../rules/index.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const pluginUrl = pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "src", "eslint", "plugin.js")).href;

const tmpRoots: string[] = [];
after(() => {
  for (const r of tmpRoots) fs.rmSync(r, { recursive: true, force: true });
});

function tempDir(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "go-hazard-eslint-")));
  tmpRoots.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const RACY_WORKERS = `package cache

import "sync"

func Fill(m map[int]int) {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m[i] = i
		}()
	}
	wg.Wait()
}
`;

const RACY_CALLER = `package cache

func Build() map[int]int {
	m := map[int]int{}
	Fill(m)
	return m
}
`;

test("plugin shape: meta, language, rules, recommended config", () => {
  assert.equal(plugin.meta.name, "go-hazard");
  assert.match(plugin.meta.version, /^\d+\.\d+\.\d+/);
  assert.equal(plugin.languages.go, goLanguage);
  const rec = plugin.configs.recommended;
  assert.deepEqual(rec.files, ["**/*.go"]);
  assert.equal(rec.language, "go-hazard/go");
  assert.equal(rec.plugins["go-hazard"], plugin);
  for (const [id, rule] of Object.entries(rules)) {
    const sev = rec.rules[`go-hazard/${id}`];
    if (!rule.meta.docs.recommended) assert.equal(sev, undefined);
    else assert.equal(sev, rule.meta.docs.defaultSeverity === "error" ? "error" : "warn");
  }
  assert.doesNotThrow(() => goLanguage.validateLanguageOptions({}));
  assert.doesNotThrow(() => goLanguage.validateLanguageOptions({ goVersion: "1.22" }));
  assert.throws(() => goLanguage.validateLanguageOptions({ goVersion: "banana" }));
  assert.throws(() => goLanguage.validateLanguageOptions({ other: 1 }));
});

test("ESLint class with eslint.config.js and the recommended config lints a .go file (package from sibling files)", async () => {
  const root = tempDir({
    "eslint.config.js": `import goHazard from ${JSON.stringify(pluginUrl)};\nexport default [goHazard.configs.recommended];\n`,
    "package.json": `{"type":"module"}\n`,
    "go.mod": "module example.com/cache\n\ngo 1.22\n",
    "workers.go": RACY_WORKERS,
    "build.go": RACY_CALLER,
    "broken.go": "package cache\n\nfunc Broken( {\n",
  });
  const eslint = new ESLint({ cwd: root });
  const results = await eslint.lintFiles(["workers.go", "build.go", "broken.go"]);
  const byFile = new Map(results.map((r) => [path.basename(r.filePath), r]));
  for (const r of results) assert.equal(r.fatalErrorCount, 0, JSON.stringify(r.messages));
  const workers = byFile.get("workers.go")!;
  if (rules["map-race"]) {
    const races = workers.messages.filter((m) => m.ruleId === "go-hazard/map-race");
    assert.ok(races.length > 0, `expected a map-race in workers.go: ${JSON.stringify(workers.messages)}`);
    assert.equal(races[0]!.line, 11);
    assert.equal(races[0]!.column, 4);
  }
  // A file with a syntax error still lints (no fatal error; the CLI reports parse-error).
  assert.deepEqual(byFile.get("broken.go")!.messages, []);

  // lintText on unsaved contents of a file of the package.
  const [fromText] = await eslint.lintText(RACY_WORKERS.replace("m[i] = i", "m[i] = i // eslint-disable-line go-hazard/map-race"), {
    filePath: path.join(root, "workers.go"),
  });
  assert.deepEqual(
    fromText!.messages.filter((m) => m.ruleId === "go-hazard/map-race"),
    [],
  );
  if (rules["map-race"]) assert.ok(fromText!.suppressedMessages.length > 0);
});

test("ESLint class: a race whose goroutine is started in a sibling file is found when linting one file", async () => {
  const src = (name: string) => fs.readFileSync(path.join(repoRoot, "testdata", "map-race", "cross_file", name), "utf8");
  const root = tempDir({
    "eslint.config.js": `import goHazard from ${JSON.stringify(pluginUrl)};\nexport default [goHazard.configs.recommended];\n`,
    "package.json": `{"type":"module"}\n`,
    "go.mod": "module example.com/crossfile\n\ngo 1.22\n",
    "dedup.go": src("dedup.go"),
    "workers.go": src("workers.go"),
    "other_test.go": "package crossfile_test\n",
  });
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintFiles(["dedup.go"]);
  if (!rules["map-race"]) return;
  const lines = result!.messages.filter((m) => m.ruleId === "go-hazard/map-race").map((m) => m.line);
  assert.deepEqual(lines, [14], JSON.stringify(result!.messages));
});

test("selectors: descendant, attribute on fields, :has, :exit", () => {
  const seen: string[] = [];
  const selectorRule = {
    meta: { type: "problem" as const, schema: [], messages: { hit: "{{what}}" } },
    create(context: { report(d: unknown): void }) {
      const hit = (what: string) => (node: GoNode) => {
        seen.push(`${what}@${node.loc.start.line}`);
        context.report({ node, messageId: "hit", data: { what } });
      };
      return {
        "for_statement go_statement": hit("go-in-loop"),
        "call_expression[fields.function.type='selector_expression']": hit("method-call"),
        "function_declaration:has(go_statement)": hit("spawner"),
        "function_declaration:exit": hit("exit"),
      };
    },
  };
  const linter = new Linter({ cwd: "/", configType: "flat" });
  const config = [
    {
      files: ["**/*.go"],
      plugins: { "go-hazard": plugin, t: { rules: { sel: selectorRule } } },
      language: "go-hazard/go",
      rules: { "t/sel": "error" },
    },
  ] as unknown as Linter.Config[];
  const messages = linter.verify(RACY_WORKERS, config, "/virtual/workers.go");
  assert.deepEqual(
    messages.filter((m) => m.fatal),
    [],
  );
  assert.deepEqual(seen.sort(), ["exit@5", "go-in-loop@9", "method-call@10", "method-call@14", "method-call@8", "spawner@5"].sort());
  // Columns are 1-based in messages (columnStart 0 in the language).
  const goInLoop = messages.find((m) => m.message === "go-in-loop")!;
  assert.equal(goInLoop.line, 9);
  assert.equal(goInLoop.column, 3);
});

test("Linter.verify with a pre-built GoSourceCode: services, lazy facts, evidence", () => {
  const text = RACY_WORKERS + "\n" + RACY_CALLER.replace("package cache\n", "");
  const parsed = parseGo(text);
  const pkg: GoPackage = {
    id: "cache",
    dir: "/virtual/cache",
    relDir: "cache",
    name: "cache",
    module: { dir: "/virtual", path: "example.com", goVersion: "1.22" },
    files: [goFileFromText("/virtual/cache/all.go", "cache/all.go", text)],
    dirFiles: ["all.go"],
    reportOnly: null,
  };
  const ir = buildPackageIR(pkg, [parsed]);
  const driver = new PackageDriver(ir);
  const sink = createEvidenceSink();
  let servicesSeen: unknown;
  const probe = {
    meta: { type: "problem" as const, schema: [], messages: { x: "x" } },
    create(context: { sourceCode: GoSourceCode }) {
      servicesSeen = context.sourceCode.parserServices;
      return {};
    },
  };
  const sourceCode = new GoSourceCode({ text, parsed, services: createServices(driver, ir.files[0]!, sink), knownRules: new Set(Object.keys(rules)) });
  const linter = new Linter({ cwd: "/", configType: "flat" });
  const config = [
    {
      files: ["**/*.go"],
      plugins: { "go-hazard": plugin, t: { rules: { probe } } },
      language: "go-hazard/go",
      rules: { "t/probe": "error", ...(rules["map-race"] ? { "go-hazard/map-race": "error" } : {}) },
    },
  ] as unknown as Linter.Config[];
  assert.equal(driver.peek(racesAnalyzer), undefined);
  const messages = linter.verify(sourceCode as never, config, pkg.files[0]!.path);
  assert.equal((servicesSeen as { ir: unknown }).ir, ir);
  assert.deepEqual(
    messages.filter((m) => m.fatal),
    [],
  );
  if (rules["map-race"]) {
    assert.ok(driver.peek(racesAnalyzer), "a race rule computed the race facts");
    const race = messages.find((m) => m.ruleId === "go-hazard/map-race");
    assert.ok(race, JSON.stringify(messages));
    // The rule recorded evidence keyed like the message.
    assert.ok(sink.records.some((r) => r.ruleId === "go-hazard/map-race" && r.line === race.line && r.column === race.column));
  }
  // Traversal covers every node once on enter and once on exit, root first.
  const steps = [...sourceCode.traverse()] as { target: GoNode; phase: number }[];
  assert.equal(steps[0]!.target, parsed.root);
  assert.equal(steps[steps.length - 1]!.target, parsed.root);
  assert.equal(steps.filter((s) => s.phase === 1).length, steps.filter((s) => s.phase === 2).length);
  assert.equal(sourceCode.getParent(parsed.root.children[0]!), parsed.root);
  assert.deepEqual(sourceCode.getRange(parsed.root), [0, text.length]);
});

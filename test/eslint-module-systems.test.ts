/**
 * The plugin in CommonJS and ES-module projects, under ESLint 10 and ESLint 9
 * (issue 21, problem 5): the `eslint.config.mjs` and `eslint.config.cjs`
 * examples of docs/eslint.md, verbatim, each linting a racy package.
 * ESLint 9 is the dev dependency `eslint-v9` (an npm alias of eslint@9).
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import { cleanupTemp, GO_MOD, racy, repoRoot, tempDir } from "./helpers/cli.js";

after(cleanupTemp);

const require = createRequire(import.meta.url);

interface LintResultLike {
  fatalErrorCount: number;
  messages: { ruleId: string | null; message: string }[];
}
type ESLintClass = new (o: { cwd: string }) => { lintFiles(p: string[]): Promise<LintResultLike[]> };

const eslints: [string, ESLintClass][] = [
  ["ESLint 10", (require("eslint") as { ESLint: ESLintClass }).ESLint],
  ["ESLint 9", (require("eslint-v9") as { ESLint: ESLintClass }).ESLint],
];

function documented(file: string): string {
  const md = fs.readFileSync(path.join(repoRoot, "docs", "eslint.md"), "utf8");
  const block = [...md.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).find((c) => c.startsWith(`// ${file}\n`));
  assert.ok(block, `docs/eslint.md has an ${file} example`);
  return block;
}

/** A CommonJS project (package.json without "type") with go-hazard installed and the given config file. */
function project(configFile: string): string {
  const root = tempDir("go-hazard-eslint-mod-");
  fs.writeFileSync(path.join(root, "package.json"), '{"private":true}\n');
  fs.writeFileSync(path.join(root, configFile), documented(configFile));
  fs.mkdirSync(path.join(root, "node_modules"));
  fs.symlinkSync(repoRoot, path.join(root, "node_modules", "go-hazard"), "dir");
  fs.writeFileSync(path.join(root, "go.mod"), GO_MOD);
  fs.writeFileSync(path.join(root, "index.go"), racy());
  return root;
}

test("the ESM module and the CommonJS require give the same plugin object", () => {
  const cjs = require("go-hazard") as object;
  return import("go-hazard").then((esm: { default: object }) => assert.equal(cjs, esm.default));
});

for (const configFile of ["eslint.config.mjs", "eslint.config.cjs"]) {
  for (const [name, ESLint] of eslints) {
    test(`${configFile} in a CommonJS project, ${name}: map-race found`, async () => {
      const root = project(configFile);
      const [result] = await new ESLint({ cwd: root }).lintFiles(["index.go"]);
      assert.equal(result!.fatalErrorCount, 0, JSON.stringify(result!.messages));
      assert.ok(result!.messages.some((m) => m.ruleId === "go-hazard/map-race"), JSON.stringify(result!.messages));
    });
  }
}

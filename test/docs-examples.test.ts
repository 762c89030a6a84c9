/**
 * The examples in docs/output-formats.md against real output (issue 21,
 * problem 6: the JSON fingerprint was not what the docs showed).
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cli, cleanupTemp, GO_MOD, racy, repoRoot, tempTree } from "./helpers/cli.js";

after(cleanupTemp);

test("the JSON example's finding has the keys, key order and fingerprint shape of real output", () => {
  const md = fs.readFileSync(path.join(repoRoot, "docs", "output-formats.md"), "utf8");
  const block = /## json[\s\S]*?```json\n([\s\S]*?)```/.exec(md)![1]!;
  const documented = (JSON.parse(block) as { findings: Record<string, unknown>[] }).findings[0]!;
  const r = cli(["lint", "--no-cache", "--format", "json"], { cwd: tempTree({ "go.mod": GO_MOD, "a.go": racy() }) });
  const real = (JSON.parse(r.stdout) as { findings: Record<string, unknown>[] }).findings[0]!;
  assert.deepEqual(Object.keys(documented), Object.keys(real).filter((k) => k in documented), "documented keys in real order");
  for (const k of Object.keys(real)) assert.ok(k in documented || k === "function" || k === "object", `real key ${k} is documented`);
  assert.match(String(real.fingerprint), /^[0-9a-f]{16}$/);
  assert.match(String(documented.fingerprint), /^[0-9a-f]{16}$/);
});

/** Every user-facing doc the issue names, plus the hook manifest and the Action. */
const userDocs = ["README.md", "docs/github-code-scanning.md", "docs/pre-commit.md", "docs/eslint.md", "docs/configuration.md", ".pre-commit-hooks.yaml", "action.yml"];

test("the docs offer no install path that cannot work yet (issue 21, problem 1)", () => {
  for (const doc of userDocs) {
    const text = fs.readFileSync(path.join(repoRoot, doc), "utf8");
    // npx --yes would install whatever package holds the name on the registry, unasked.
    assert.doesNotMatch(text, /npx --yes go-hazard/, `${doc}: npx --yes go-hazard`);
    // No release exists yet: a concrete version tag in a snippet resolves to nothing.
    assert.doesNotMatch(text, /rev: v\d/, `${doc}: a pre-commit rev naming a release`);
    assert.doesNotMatch(text, /uses: go-hazard\/go-hazard@v\d/, `${doc}: an Action ref naming a release`);
    // Workflows must not hide a failing go-hazard step.
    assert.doesNotMatch(text, /continue-on-error: true/, `${doc}: continue-on-error`);
    // `npm install go-hazard` (the registry) only where the text says it works once published.
    for (const m of text.matchAll(/npm install(?: --save-dev| -D)?(?: eslint)? go-hazard\b/g)) {
      const around = text.slice(Math.max(0, m.index - 200), m.index + 200);
      assert.match(around, /once (?:go-hazard is )?published/, `${doc}: "${m[0]}" without saying it needs the registry`);
    }
  }
});

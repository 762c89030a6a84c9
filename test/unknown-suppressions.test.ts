/**
 * `//nolint:gohazard` and other misspellings of go-hazard's names suppress
 * nothing; --report-unused-suppressions says so (issue 21, problem 6).
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { cli, cleanupTemp, GO_MOD, json, tempTree } from "./helpers/cli.js";
import { unknownSuppressionNames } from "../src/engine/unknown-suppressions.js";

after(cleanupTemp);

const ids = new Set(["map-race", "nil-map-write"]);
const one = (text: string): string[] => unknownSuppressionNames([{ relPath: "a.go", text }], "warning", ids).map((f) => `${f.line}:${f.column} ${f.message}`);

test("misspelt tool and rule names are found; other linters and correct names are not", () => {
  assert.deepEqual(one("x := 1 //nolint:gohazard\n"), ['1:8 //nolint:gohazard names "gohazard", which is not go-hazard (did you mean go-hazard?), so it suppresses nothing.']);
  assert.deepEqual(one("//nolint:go-hazard/map-rase // why\n"), ['1:1 //nolint:go-hazard/map-rase names no go-hazard rule "map-rase" (did you mean go-hazard/map-race?), so it suppresses nothing.']);
  assert.deepEqual(one("//lint:ignore go_hazard/map-race reason\n"), ['1:1 //lint:ignore go_hazard/map-race names "go_hazard/map-race", which is not go-hazard (did you mean go-hazard/map-race?), so it suppresses nothing.']);
  assert.deepEqual(one("//nolint:errcheck,go-hazard/map-race\n//nolint\n//nolint:all\n//nolint:go-hazard\n//nolint:gosec,govet\n"), []);
  assert.deepEqual(one('s := "//nolint:gohazard"\n'), [], "inside a string literal");
});

test("CLI: reported with --report-unused-suppressions, silent without", () => {
  const root = tempTree({
    "go.mod": GO_MOD,
    "a.go": "package app\n\nfunc F() int {\n\tx := 1 //nolint:gohazard // typo\n\treturn x\n}\n",
  });
  const on = cli(["lint", "--no-cache", "--format", "json", "--report-unused-suppressions"], { cwd: root });
  assert.equal(on.code, 1, on.stderr);
  const got = json(on).findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`);
  assert.deepEqual(got, ["unused-suppression a.go:4:9"]);
  const off = cli(["lint", "--no-cache", "--format", "json"], { cwd: root });
  assert.equal(off.code, 0, off.stderr);
});

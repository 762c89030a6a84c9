/**
 * The per-file parse budget (GO_HAZARD_PARSE_BUDGET_MS): a file whose parse
 * runs past it is cancelled, skipped with a `parse-budget` notification, and
 * the rest of its package is reported; the parser is fine for the next file.
 * The slow input is generated: an unclosed brace, then thousands of string
 * literals in a row, which tree-sitter's error recovery takes about
 * quadratic time over (12 k: about 2 s).
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { cleanupTemp, cli, tempTree } from "./helpers/cli.js";
import { parseGo, parserInfo, QueuedParse } from "../src/parse/parser.js";
import { parseWithBinding } from "../src/parse/binding-reader.js";
import { DEFAULT_PARSE_BUDGET_MS, parseBudgetMs } from "../src/parse/tree-builder.js";

after(cleanupTemp);

const SLOW = `package p\n\nfunc f() {\n${'"\\n" '.repeat(12_000)}\n`;
const FINE = "package p\n\nfunc g() {}\n";
const RACY = "package p\n\nfunc h() {\n\tm := map[int]int{}\n\tfor i := 0; i < 10; i++ {\n\t\tgo func() { m[i] = i }()\n\t}\n}\n";
const BUDGET = "200";

function withBudget<T>(ms: string | undefined, f: () => T): T {
  const saved = process.env.GO_HAZARD_PARSE_BUDGET_MS;
  if (ms === undefined) delete process.env.GO_HAZARD_PARSE_BUDGET_MS;
  else process.env.GO_HAZARD_PARSE_BUDGET_MS = ms;
  try {
    return f();
  } finally {
    if (saved === undefined) delete process.env.GO_HAZARD_PARSE_BUDGET_MS;
    else process.env.GO_HAZARD_PARSE_BUDGET_MS = saved;
  }
}

test("GO_HAZARD_PARSE_BUDGET_MS: milliseconds, 0 for none, the default when unset or not a number", () => {
  assert.equal(withBudget(undefined, parseBudgetMs), DEFAULT_PARSE_BUDGET_MS);
  assert.equal(withBudget("250", parseBudgetMs), 250);
  assert.equal(withBudget("0", parseBudgetMs), 0);
  assert.equal(withBudget("soon", parseBudgetMs), DEFAULT_PARSE_BUDGET_MS);
  assert.equal(withBudget("-5", parseBudgetMs), DEFAULT_PARSE_BUDGET_MS);
});

// An addon built from older sources ignores the budget (parserInfo.parseBudget): `npm install` rebuilds it.
const nativeBudget = parserInfo.reader !== "native" || parserInfo.parseBudget;

test("a parse past its budget gives an empty tree that says so, within about the budget, and the next parse is whole (both readers)", () => {
  for (const parse of nativeBudget ? [parseGo, parseWithBinding] : [parseWithBinding]) {
    withBudget(BUDGET, () => {
      const start = performance.now();
      const slow = parse(SLOW);
      const took = performance.now() - start;
      assert.deepEqual(slow.overBudget, { budgetMs: 200 });
      assert.equal(slow.root.children.length, 0);
      assert.ok(took < 1500, `cancelled after ${Math.round(took)} ms`);
      const next = parse(FINE);
      assert.equal(next.overBudget, undefined);
      assert.deepEqual(
        next.root.children.map((c) => c.type),
        ["package_clause", "function_declaration"],
      );
    });
  }
});

test("queued parses: the file past its budget comes back empty, the files around it whole", { skip: parserInfo.reader !== "native" ? "native export not built" : !parserInfo.parseBudget && parserInfo.reason }, async () => {
  const trees = await withBudget(BUDGET, () => new QueuedParse([FINE, SLOW, FINE]).trees());
  assert.deepEqual(
    trees.map((t) => t.overBudget !== undefined),
    [false, true, false],
  );
  assert.equal(trees[2]!.root.children.length, 2);
});

test("lint: the slow file is skipped with a parse-budget notification, the rest of its package is reported, at any --jobs and with either reader", () => {
  const root = tempTree({
    "go.mod": "module example.com/slow\n\ngo 1.22\n",
    "p/slow.go": SLOW,
    "p/racy.go": RACY,
    "q/q.go": "package q\n\nfunc Q() {}\n",
  });
  let first: string | undefined;
  const runs = [
    ["1", undefined],
    ["2", undefined],
    ["1", "0"],
  ] as const;
  for (const [jobs, native] of runs.filter(([, native]) => nativeBudget || native === "0")) {
    const start = Date.now();
    const r = cli(["lint", "./...", "--cwd", root, "--format", "json", "--jobs", jobs], {
      env: { GO_HAZARD_PARSE_BUDGET_MS: BUDGET, GO_HAZARD_NATIVE: native },
    });
    assert.ok(Date.now() - start < 20_000);
    assert.equal(r.code, 1, r.stderr);
    const json = JSON.parse(r.stdout) as { findings: Array<{ file: string; ruleId: string }>; notifications: Array<{ kind: string; file?: string }> };
    assert.deepEqual(
      json.notifications.map((n) => [n.kind, n.file]),
      [["parse-budget", "p/slow.go"]],
    );
    assert.ok(json.findings.some((f) => f.file === "p/racy.go" && f.ruleId === "map-race"));
    first ??= r.stdout;
    assert.equal(r.stdout, first, "the same report whatever the jobs and the reader");
  }
});

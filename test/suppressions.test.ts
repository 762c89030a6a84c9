/**
 * Suppression comments end to end, as golangci-lint and staticcheck users
 * write them, `--report-unused-suppressions`, and suppressed findings kept out
 * of SARIF.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cli, cleanupTemp, GO_MOD, json, racy, repoRoot, tempTree } from "./helpers/cli.js";
import { ruleHelpMarkdown } from "../src/report/rule-help.js";
import { UNUSED_SUPPRESSION_RULE } from "../src/engine/config.js";

after(cleanupTemp);

/** Two racy functions; the race is on the `m[id] = ...` line (12 and 26). */
function twoRaces(first: string, second: string): string {
  return `package app

import "sync"

func A(ids []int) map[int]int {
	m := make(map[int]int)
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			${first}
		}()
	}
	wg.Wait()
	return m
}

func B(ids []int) map[int]int {
	m := make(map[int]int)
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			${second}
		}()
	}
	wg.Wait()
	return m
}
`;
}

function raceLines(root: string): number[] {
  const r = cli(["lint", "-f", "json"], { cwd: root });
  return json(r)
    .findings.filter((f) => f.ruleId === "map-race")
    .map((f) => f.line)
    .sort((a, b) => a - b);
}

test("trailing //nolint covers its line; other linters' names and unknown go-hazard rules do not suppress", () => {
  const base = "m[id] = id";
  assert.deepEqual(raceLines(tempTree({ "go.mod": GO_MOD, "a.go": twoRaces(base, base) })), [12, 26]);
  for (const c of [
    "//nolint",
    "//nolint:go-hazard",
    "//nolint:go-hazard/map-race",
    "//nolint:errcheck,go-hazard/map-race // the caller holds the lock",
    "//nolint:all",
    "// eslint-disable-line go-hazard/map-race -- reason",
  ]) {
    assert.deepEqual(raceLines(tempTree({ "go.mod": GO_MOD, "a.go": twoRaces(`${base} ${c}`, base) })), [26], c);
  }
  for (const c of ["//nolint:errcheck", "//nolint:go-hazard/slice-race", "//nolint:go-hazard/no-such-rule"]) {
    assert.deepEqual(raceLines(tempTree({ "go.mod": GO_MOD, "a.go": twoRaces(`${base} ${c}`, base) })), [12, 26], c);
  }
});

test("own-line //nolint above a statement covers the whole statement; //lint:ignore covers the next line", () => {
  const base = "m[id] = id";
  // Above the `go func() {...}()` statement: covers all of it.
  const goStmt = twoRaces(base, base).replace("\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tm[id] = id\n\t\t}()\n\t}\n\twg.Wait()\n\treturn m\n}\n\nfunc B", "\t\t//nolint:go-hazard/map-race\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tm[id] = id\n\t\t}()\n\t}\n\twg.Wait()\n\treturn m\n}\n\nfunc B");
  assert.notEqual(goStmt, twoRaces(base, base));
  assert.deepEqual(raceLines(tempTree({ "go.mod": GO_MOD, "a.go": goStmt })), [27]);
  // Above the function declaration: covers the function.
  const decl = twoRaces(base, base).replace("func A(", "//nolint:go-hazard // legacy, see #12\nfunc A(");
  assert.deepEqual(raceLines(tempTree({ "go.mod": GO_MOD, "a.go": decl })), [27]);
  // staticcheck's form: the next line only.
  const ignore = twoRaces("//lint:ignore go-hazard/map-race confined by the caller\n\t\t\tm[id] = id", base);
  assert.deepEqual(raceLines(tempTree({ "go.mod": GO_MOD, "a.go": ignore })), [27]);
  // A file-wide staticcheck ignore.
  const fileIgnore = "//lint:file-ignore go-hazard/map-race generated-like code\n" + twoRaces(base, base);
  assert.deepEqual(raceLines(tempTree({ "go.mod": GO_MOD, "a.go": fileIgnore })), []);
});

test("--report-unused-suppressions: stale suppressions become unused-suppression findings (DP-13); used and shared ones do not", () => {
  const src = twoRaces("m[id] = id //nolint:go-hazard/map-race", "m[id] = id").replace(
    "\twg.Wait()\n\treturn m\n}\n\nfunc B",
    "\twg.Wait()\n\tx := 1 //nolint:go-hazard/map-race\n\t_ = x //nolint:go-hazard\n\t_ = x //nolint\n\t_ = x //nolint:errcheck\n\t_ = x //nolint:all\n\t//lint:ignore go-hazard/slice-race reason\n\t_ = x\n\treturn m\n}\n\nfunc B",
  );
  const root = tempTree({ "go.mod": GO_MOD, "a.go": src });
  const off = cli(["lint", "-f", "json"], { cwd: root });
  assert.ok(!json(off).findings.some((f) => f.ruleId === "unused-suppression"), "off by default");
  const on = cli(["lint", "-f", "json", "--report-unused-suppressions"], { cwd: root });
  assert.equal(on.code, 1, on.stderr);
  const unused = json(on).findings.filter((f) => f.ruleId === "unused-suppression");
  assert.deepEqual(
    unused.map((f) => [f.line, f.severity]),
    [
      [16, "warning"],
      [17, "warning"],
      [21, "warning"],
    ],
    on.stdout,
  );
  assert.match(unused[0]!.message, /^\/\/nolint:go-hazard\/map-race suppresses nothing: there is no map-race finding here/);
  assert.match(unused[1]!.message, /^\/\/nolint:go-hazard suppresses nothing/);
  assert.match(unused[2]!.message, /^\/\/lint:ignore go-hazard\/slice-race suppresses nothing/);
  // The used one on line 12 is not reported, and its race stays suppressed.
  assert.ok(!json(on).findings.some((f) => f.line === 12));
  // Through the config file, at another severity; and listed by `rules`.
  const viaConfig = tempTree({ "go.mod": GO_MOD, "a.go": src, ".go-hazard.json": '{"rules": {"unused-suppression": "error"}}' });
  const r = cli(["lint", "-f", "sarif"], { cwd: viaConfig });
  const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; properties?: { tags?: string[] } }[] } }; results: { ruleId: string; level: string }[] }[] };
  assert.ok(sarif.runs[0]!.results.some((x) => x.ruleId === "unused-suppression" && x.level === "error"));
  assert.ok(sarif.runs[0]!.tool.driver.rules.some((x) => x.id === "unused-suppression"));
});

test("suppressed findings are left out of SARIF (GitHub code scanning ignores SARIF suppressions) and of every other format", () => {
  const root = tempTree({ "go.mod": GO_MOD, "a.go": racy().replace("m[id] = id * 2", "m[id] = id * 2 //nolint:go-hazard // confined") });
  for (const format of ["sarif", "json", "github", "text"]) {
    const r = cli(["lint", "-f", format], { cwd: root });
    assert.equal(r.code, 0, `${format}: ${r.stdout}`);
    assert.doesNotMatch(r.stdout, /map-race.*a\.go|suppressions/, format);
  }
  const sarif = JSON.parse(cli(["lint", "-f", "sarif"], { cwd: root }).stdout) as { runs: { results: unknown[] }[] };
  assert.deepEqual(sarif.runs[0]!.results, []);
});

test("unused-suppression is documented like a rule: its page names DP-13, the README lists it, SARIF help comes from the page", () => {
  const doc = ruleHelpMarkdown(UNUSED_SUPPRESSION_RULE.id);
  assert.ok(doc, "docs/rules/unused-suppression.md exists");
  assert.ok(UNUSED_SUPPRESSION_RULE.checklist.every((id) => doc!.includes(id)));
  assert.ok(fs.readFileSync(path.join(repoRoot, "README.md"), "utf8").includes("unused-suppression"));
});

/**
 * The engine on its own (in-process): a crashing rule costs only itself,
 * reportOnly, severities from go-hazard's config, fingerprints.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rules } from "../rules/index.js";
import { analyzeOnePackage, resolveRuleSettings, parseRuleOption, UsageError } from "../src/engine/index.js";
import { fingerprint } from "../src/engine/convert.js";
import type { GoPackage } from "../src/loader/types.js";
import { goFileFromText } from "../src/loader/index.js";

const RACY = `package app

import "sync"

func Index(ids []int) map[int]int {
	m := make(map[int]int)
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m[id] = id * 2
		}()
	}
	wg.Wait()
	return m
}
`;
import { standardRules } from "./helpers/rule-set.js";

function pkg(files: Record<string, string>, reportOnly: string[] | null = null): GoPackage {
  return {
    id: "app",
    dir: "/virtual/app",
    relDir: "app",
    name: "app",
    module: { dir: "/virtual", path: "example.com", goVersion: "1.22" },
    files: Object.entries(files).map(([name, text]) => goFileFromText(`/virtual/app/${name}`, `app/${name}`, text)),
    dirFiles: Object.keys(files).sort(),
    reportOnly,
  };
}

test("a rule that throws: internal-error with the package id, other rules' findings kept", async () => {
  const victim = Object.keys(rules).find((id) => id !== "map-race" && rules[id]!.meta.docs.recommended)!;
  const original = rules[victim]!.create;
  rules[victim]!.create = () => ({
    source_file() {
      throw new Error("boom");
    },
  });
  try {
    const result = await analyzeOnePackage(pkg({ "index.go": RACY }), { rulesUrl: standardRules.url, rules: resolveRuleSettings({}, standardRules) });
    const internal = result.notifications.filter((n) => n.kind === "internal-error");
    assert.equal(internal.length, 1, JSON.stringify(result.notifications));
    assert.match(internal[0]!.message, new RegExp(`^package app: rule ${victim} failed: boom`));
    assert.equal(internal[0]!.file, "app/index.go");
    assert.ok(result.findings.some((f) => f.ruleId === "map-race"), "map-race still reported");
  } finally {
    rules[victim]!.create = original;
  }
});

test("severity comes from go-hazard's config (notes stay notes); reportOnly limits the files reported", async () => {
  const other = RACY.replace("func Index", "func Index2");
  const all = await analyzeOnePackage(pkg({ "a.go": RACY, "b.go": other }), { rulesUrl: standardRules.url, rules: resolveRuleSettings({ "map-race": "note" }, standardRules) });
  const races = all.findings.filter((f) => f.ruleId === "map-race");
  assert.deepEqual(races.map((f) => [f.file, f.severity]).sort(), [
    ["app/a.go", "note"],
    ["app/b.go", "note"],
  ]);
  const only = await analyzeOnePackage(pkg({ "a.go": RACY, "b.go": other }, ["app/b.go"]), { rulesUrl: standardRules.url, rules: resolveRuleSettings({}, standardRules) });
  assert.deepEqual([...new Set(only.findings.map((f) => f.file))], ["app/b.go"]);
});

test("parse errors: findings per error (off with --rule parse-error=off) and one notification per file", async () => {
  const broken = "package app\n\nfunc f() {\n\tx := := 1\n}\n";
  const on = await analyzeOnePackage(pkg({ "x.go": broken }), { rulesUrl: standardRules.url, rules: resolveRuleSettings({}, standardRules) });
  assert.ok(on.findings.some((f) => f.ruleId === "parse-error" && f.line === 4 && f.severity === "warning"));
  assert.equal(on.notifications.filter((n) => n.kind === "parse-error").length, 1);
  const off = await analyzeOnePackage(pkg({ "x.go": broken }), { rulesUrl: standardRules.url, rules: resolveRuleSettings({ "parse-error": "off" }, standardRules) });
  assert.deepEqual(
    off.findings.filter((f) => f.ruleId === "parse-error"),
    [],
  );
  assert.equal(off.notifications.filter((n) => n.kind === "parse-error").length, 1);
});

test("fingerprints ignore line numbers", async () => {
  const a = await analyzeOnePackage(pkg({ "a.go": RACY }), { rulesUrl: standardRules.url, rules: resolveRuleSettings({}, standardRules) });
  const shifted = await analyzeOnePackage(pkg({ "a.go": RACY.replace("package app\n", "package app\n\n// moved down\n\n") }), {
    rulesUrl: standardRules.url,
    rules: resolveRuleSettings({}, standardRules),
  });
  assert.ok(a.findings.length > 0);
  assert.notEqual(a.findings[0]!.line, shifted.findings[0]!.line);
  assert.equal(a.findings[0]!.fingerprint, shifted.findings[0]!.fingerprint);
  assert.match(fingerprint({ ruleId: "r", file: "f", message: "m" }), /^[0-9a-f]{16}$/);
});

test("--rule parsing", () => {
  assert.deepEqual(parseRuleOption("map-race=warn", standardRules), ["map-race", "warning"]);
  assert.deepEqual(parseRuleOption("go-hazard/map-race=off", standardRules), ["map-race", "off"]);
  assert.throws(() => parseRuleOption("map-race", standardRules), UsageError);
  assert.throws(() => parseRuleOption("nope=error", standardRules), UsageError);
  assert.throws(() => parseRuleOption("map-race=loud", standardRules), UsageError);
});

/**
 * The analyzer driver: lazy, each analyzer once per package, requirements
 * first, only declared requirements readable, a failure reported once and
 * passed on (silently) to whoever depends on it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { AnalyzerFailed, defineAnalyzer, inDependencyOrder, PackageDriver, type AnalyzerFailed as Failure } from "../../src/analysis/framework.js";
import { buildIR } from "./helpers.js";

test("each analyzer runs once, after what it requires, and only when asked", () => {
  const runs: string[] = [];
  const base = defineAnalyzer({ name: "base", doc: "d", requires: [], run: () => (runs.push("base"), 41) });
  const top = defineAnalyzer({ name: "top", doc: "d", requires: [base], run: (pass) => (runs.push("top"), pass.resultOf(base) + 1) });
  const driver = new PackageDriver(buildIR("package p\n"));
  assert.deepEqual(runs, []);
  assert.equal(driver.peek(top), undefined);
  assert.equal(driver.result(top), 42);
  assert.equal(driver.result(top), 42);
  assert.equal(driver.result(base), 41);
  assert.deepEqual(runs, ["base", "top"]);
  assert.deepEqual(inDependencyOrder([top]).map((a) => a.name), ["base", "top"]);
});

test("an analyzer can read only what it declared", () => {
  const other = defineAnalyzer({ name: "other", doc: "d", requires: [], run: () => 1 });
  const sneaky = defineAnalyzer({ name: "sneaky", doc: "d", requires: [], run: (pass) => pass.resultOf(other) });
  const failures: Failure[] = [];
  const driver = new PackageDriver(buildIR("package p\n"), { onError: (f) => failures.push(f) });
  assert.throws(() => driver.result(sneaky), AnalyzerFailed);
  assert.equal(failures.length, 1);
  assert.match(failures[0]!.message, /sneaky reads other without requiring it/);
});

test("a failure is reported once, where it happened; dependents fail with it silently", () => {
  const broken = defineAnalyzer<number>({ name: "broken", doc: "d", requires: [], run: () => { throw new RangeError("boom"); } });
  const a = defineAnalyzer({ name: "a", doc: "d", requires: [broken], run: () => 1 });
  const b = defineAnalyzer({ name: "b", doc: "d", requires: [broken], run: () => 2 });
  const fine = defineAnalyzer({ name: "fine", doc: "d", requires: [], run: () => 3 });
  const failures: Failure[] = [];
  const driver = new PackageDriver(buildIR("package p\n"), { onError: (f) => failures.push(f) });
  for (const x of [a, b, a, broken]) {
    assert.throws(() => driver.result(x), (e: unknown) => e instanceof AnalyzerFailed && e.analyzer === "broken");
  }
  assert.equal(driver.result(fine), 3);
  assert.deepEqual(failures.map((f) => f.message), ["analyzer broken failed: boom"]);
  assert.ok(driver.failed(a) && driver.failed(broken) && !driver.failed(fine));
});

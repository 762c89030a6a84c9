/**
 * jsonChunks: the pieces `go-hazard facts` writes, joined, are JSON.stringify's text.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { jsonChunks } from "../src/report/json-chunks.js";

test("jsonChunks joined is JSON.stringify(value, null, 2) for plain data", () => {
  const values: unknown[] = [
    null,
    0,
    -1.5,
    "tab\there \"quoted\" \u2028 ünï",
    true,
    [],
    {},
    [[], {}, [1, [2, [3]]]],
    { a: 1, b: undefined, c: [undefined, null, "x"], d: { e: {}, f: [] }, "k\"ey": false },
    { tool: { name: "go-hazard" }, packages: [{ analyzers: { races: { goroutines: [{ id: 0, parent: null }] } } }] },
  ];
  for (const v of values) assert.equal([...jsonChunks(v)].join(""), JSON.stringify(v, null, 2), JSON.stringify(v));
});

test("jsonChunks yields many pieces for a large array, none of them the whole", () => {
  const big = Array.from({ length: 10_000 }, (_, i) => ({ id: i, at: `f.go:${i}` }));
  const pieces = [...jsonChunks(big)];
  assert.ok(pieces.length > 10_000);
  assert.ok(Math.max(...pieces.map((p) => p.length)) < 100);
  assert.equal(pieces.join(""), JSON.stringify(big, null, 2));
});
